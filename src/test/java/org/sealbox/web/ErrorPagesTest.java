package org.sealbox.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.sealbox.testing.LogCapture;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Error pages describe what happened in plain words and nothing about the server's insides, and input
 * that comes back on a page (a typed username, a description) is HTML-escaped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorPagesTest {

    private static final String HOSTILE_USERNAME = "<b>x</b>\"'";
    private static final String HOSTILE_TEXT = "</textarea><script>alert(1)</script><img src=x onerror=alert(2)>";
    /** Text that would show the server's insides: exception types, stack frames, library names. */
    private static final List<String> INTERNALS = List.of("Exception", "Error:", "\tat ", "Caused by", "java.",
            "org.sealbox", "io.helidon", "Helidon", "jdbi", "sqlite", "SQLITE", "NoSuchFile", "/attachments/");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    private TestServer server;
    private LogCapture logs;
    private int publicPort;
    private int adminPort;
    private String officerCookie;
    private long caseId;
    private String attachmentId;
    private List<Map.Entry<String, RawHttp.Response>> errors;

    @BeforeAll
    void startServer() throws Exception {
        logs = new LogCapture();
        server = TestServer.startWithOfficer(dataDir);
        publicPort = server.app().publicPort();
        adminPort = server.app().adminPort();
        try (WebClient browser = TestServer.browser()) {
            String reference = SampleReports.sendBreach(server, browser, "Error page test.", uploads,
                    "evidence.txt", "evidence".getBytes(StandardCharsets.UTF_8));
            caseId = SampleReports.caseId(server, reference);
            attachmentId = SampleReports.attachmentId(server, caseId);
        }
        officerCookie = RawHttp.login(adminPort, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
    }

    @AfterAll
    void stopServer() {
        server.close();
        logs.close();
    }

    /** Returns one response of each error kind, requested once and kept. */
    Stream<Arguments> errorResponses() throws Exception {
        if (errors == null) {
            errors = new ArrayList<>();
            errors.add(Map.entry("public 404", RawHttp.get(publicPort, "/no/such/page")));
            errors.add(Map.entry("public 404 script path",
                    RawHttp.get(publicPort, "/report/form/%3Cscript%3Ealert(1)%3C%2Fscript%3E")));
            errors.add(Map.entry("public 400", RawHttp.postForm(publicPort, "/report/send", Map.of(),
                    Map.of("kind", HOSTILE_TEXT))));
            errors.add(Map.entry("public 400 unparsable path", RawHttp.get(publicPort, "/%zz%3Cscript%3E")));
            errors.add(Map.entry("admin 404", RawHttp.get(adminPort, "/cases/1/no/such/page")));
            errors.add(Map.entry("admin 404 case", RawHttp.get(adminPort, "/cases/999999",
                    Map.of("Cookie", officerCookie))));
            errors.add(Map.entry("admin 404 case id not a number", RawHttp.get(adminPort,
                    "/cases/%3Cscript%3E", Map.of("Cookie", officerCookie))));
            errors.add(Map.entry("admin 404 setup", RawHttp.get(adminPort, "/setup/%3Cb%3Etoken%3C%2Fb%3E")));
            errors.add(Map.entry("admin 400", RawHttp.postForm(adminPort, "/login", Map.of(),
                    Map.of("username", HOSTILE_USERNAME))));

            Files.delete(SampleReports.attachmentFile(server, attachmentId));
            errors.add(Map.entry("admin 500 missing file", RawHttp.get(adminPort,
                    "/cases/" + caseId + "/attachments/" + attachmentId, Map.of("Cookie", officerCookie))));
        }
        return errors.stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorResponses")
    void errorPageShowsNoInternals(String label, RawHttp.Response response) {
        String body = response.text();

        assertTrue(response.status() >= 400, label + " answered " + response.status());
        for (String internal : INTERNALS) {
            assertFalse(body.contains(internal), label + " shows '" + internal + "':\n" + body);
        }
        assertFalse(body.contains("<script"), label + " echoes a script tag:\n" + body);
        assertFalse(body.contains("<b>"), label + " echoes a tag:\n" + body);
    }

    @Test
    void unexpectedErrorGetsGenericPage() throws Exception {
        RawHttp.Response response = errorResponse("admin 500 missing file");

        assertEquals(500, response.status());
        assertTrue(response.text().contains("An unexpected error happened on the server."), response.text());
        assertTrue(response.header("Content-Type").orElse("").startsWith("text/html"), "not an HTML page");
    }

    @Test
    void unexpectedErrorIsLoggedWithoutDetails() throws Exception {
        errorResponse("admin 500 missing file");
        String log = logs.text();

        assertTrue(log.contains("Request failed"), log);
        assertTrue(log.contains("NoSuchFileException"), "the exception type is logged:\n" + log);
        assertFalse(log.contains(attachmentId), "the message with the file path is logged:\n" + log);
    }

    @Test
    void loginEchoesUsernameEscaped() throws Exception {
        RawHttp.Response page = RawHttp.get(adminPort, "/login");
        RawHttp.Response failed = RawHttp.postForm(adminPort, "/login",
                Map.of("Cookie", "sealbox_admin=" + page.setCookies().get("sealbox_admin")),
                Map.of("csrf", page.csrf(), "username", HOSTILE_USERNAME, "password", "not the password"));
        String body = failed.text();

        assertEquals(401, failed.status());
        assertFalse(body.contains("<b>x</b>"), body);
        assertTrue(body.contains("&lt;b&gt;x&lt;/b&gt;"), body);
        assertFalse(body.contains("value=\"<b>"), body);
        assertFalse(body.contains("</b>\"'"), body);
        assertTrue(body.contains("The username, password or code is wrong."), body);
    }

    @Test
    void reportFormEchoesTextEscaped() throws Exception {
        RawHttp.PublicSession session = RawHttp.passChallenge(publicPort);
        RawHttp.Response form = RawHttp.postForm(publicPort, "/report/form/breach",
                Map.of("Cookie", session.cookie()), Map.of("csrf", session.csrf(), "details", HOSTILE_TEXT));
        String body = form.text();

        assertEquals(422, form.status());
        assertFalse(body.contains("<script>"), body);
        assertFalse(body.contains("<img src=x"), body);
        assertTrue(body.contains("&lt;/textarea&gt;&lt;script&gt;"), body);
    }

    private RawHttp.Response errorResponse(String label) throws Exception {
        errorResponses().count();
        return errors.stream().filter(entry -> entry.getKey().equals(label)).findFirst().orElseThrow().getValue();
    }
}
