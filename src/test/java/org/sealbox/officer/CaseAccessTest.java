package org.sealbox.officer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.RawHttp;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A case's keys are sealed to the officers who exist when it arrives. An officer created later
 * cannot open older cases: they are not listed, and their URLs return 404 as if they did not exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseAccessTest {

    private static final String LATECOMER = "bob";
    private static final String LATECOMER_PASSWORD = "bob joined the team later";
    private static final String OLD_DETAILS = "Report sent before bob existed.";
    private static final String NEW_DETAILS = "Report sent after bob was created.";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    private TestServer server;
    private int port;
    private String oldReference;
    private long oldCaseId;
    private String oldAttachmentId;
    private String newReference;
    private long newCaseId;

    @BeforeAll
    void sendReports() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
        port = server.app().adminPort();
        try (WebClient browser = TestServer.browser()) {
            oldReference = SampleReports.sendBreach(server, browser, OLD_DETAILS, uploads, "old.txt",
                    "old attachment".getBytes(StandardCharsets.UTF_8));
            oldCaseId = SampleReports.caseId(server, oldReference);
            oldAttachmentId = SampleReports.attachmentId(server, oldCaseId);

            server.createOfficer(LATECOMER, LATECOMER_PASSWORD, Role.OFFICER);

            newReference = SampleReports.sendBreach(server, browser, NEW_DETAILS);
            newCaseId = SampleReports.caseId(server, newReference);
        }
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void olderCaseNotListed() throws Exception {
        String list = RawHttp.get(port, "/cases", Map.of("Cookie", latecomer())).text();

        assertFalse(list.contains(oldReference), list);
        assertFalse(list.contains("/cases/" + oldCaseId + "\""), list);
        assertTrue(list.contains(newReference), list);
    }

    @Test
    void olderCasePageNotFound() throws Exception {
        RawHttp.Response page = RawHttp.get(port, "/cases/" + oldCaseId, Map.of("Cookie", latecomer()));

        assertEquals(404, page.status());
        assertTrue(page.text().contains(CaseGrantTest.CASE_NOT_FOUND), page.text());
        assertFalse(page.text().contains(oldReference), page.text());
        assertFalse(page.text().contains(OLD_DETAILS), page.text());
    }

    /** An unknown case and a case the officer cannot open get the same page, so it reveals nothing. */
    @Test
    void unknownCaseSamePage() throws Exception {
        String cookie = latecomer();

        RawHttp.Response unknown = RawHttp.get(port, "/cases/" + (newCaseId + 1000), Map.of("Cookie", cookie));
        RawHttp.Response older = RawHttp.get(port, "/cases/" + oldCaseId, Map.of("Cookie", cookie));

        assertEquals(404, unknown.status());
        assertTrue(unknown.text().contains(CaseGrantTest.CASE_NOT_FOUND), unknown.text());
        assertEquals(unknown.text(), older.text());
    }

    @Test
    void olderAttachmentNotFound() throws Exception {
        RawHttp.Response download = RawHttp.get(port, "/cases/" + oldCaseId + "/attachments/" + oldAttachmentId,
                Map.of("Cookie", latecomer()));

        assertEquals(404, download.status());
        assertTrue(download.header("Content-Type").orElse("").startsWith("text/html"), "not the 404 page");
        assertFalse(download.text().contains("old attachment"), download.text());
    }

    @Test
    void newerCaseOpens() throws Exception {
        RawHttp.Response page = RawHttp.get(port, "/cases/" + newCaseId, Map.of("Cookie", latecomer()));

        assertEquals(200, page.status());
        assertTrue(page.text().contains(NEW_DETAILS), page.text());
    }

    @Test
    void earlierOfficerOpensBoth() throws Exception {
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);

        RawHttp.Response oldCase = RawHttp.get(port, "/cases/" + oldCaseId, Map.of("Cookie", cookie));
        RawHttp.Response newCase = RawHttp.get(port, "/cases/" + newCaseId, Map.of("Cookie", cookie));
        RawHttp.Response download = RawHttp.get(port, "/cases/" + oldCaseId + "/attachments/" + oldAttachmentId,
                Map.of("Cookie", cookie));

        assertTrue(oldCase.text().contains(OLD_DETAILS), oldCase.text());
        assertTrue(newCase.text().contains(NEW_DETAILS), newCase.text());
        assertEquals("old attachment", download.text());
    }

    @Test
    void attachmentOfOtherCaseNotFound() throws Exception {
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);

        RawHttp.Response download = RawHttp.get(port, "/cases/" + newCaseId + "/attachments/" + oldAttachmentId,
                Map.of("Cookie", cookie));

        assertEquals(404, download.status());
        assertFalse(download.text().contains("old attachment"), download.text());
    }

    private String latecomer() throws Exception {
        return RawHttp.login(port, LATECOMER, LATECOMER_PASSWORD);
    }
}
