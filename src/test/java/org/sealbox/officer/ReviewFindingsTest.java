package org.sealbox.officer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.RawHttp;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Every admin route that takes a case id responds to an excluded officer exactly as to an
 * unknown case id, and odd ids or field values never end in a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewFindingsTest {

    private static final String EXCLUDED = "bruno";
    private static final String EXCLUDED_PASSWORD = "bruno's long passphrase";
    private static final long UNKNOWN_CASE = 987_654;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    private TestServer server;
    private int port;
    private long caseId;
    private String attachmentId;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
        port = server.app().adminPort();
        server.createOfficer(EXCLUDED, EXCLUDED_PASSWORD, Role.OFFICER);
        String reference = SampleReports.sendBreach(server, TestServer.browser(), "Payroll list mailed to all staff.",
                uploads, "list.txt", "name;salary".getBytes(StandardCharsets.UTF_8));
        caseId = SampleReports.caseId(server, reference);
        attachmentId = SampleReports.attachmentId(server, caseId);
        long excludedId = AccountSteps.officerId(server, EXCLUDED);
        server.app().database().write(h -> {
            h.createUpdate("DELETE FROM case_key WHERE case_id = :c AND officer_id = :o")
                    .bind("c", caseId).bind("o", excludedId).execute();
            h.createUpdate("INSERT INTO case_exclusion (case_id, officer_id) VALUES (:c, :o)")
                    .bind("c", caseId).bind("o", excludedId).execute();
            return null;
        });
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void excludedOfficerGetsUnknownCaseAnswer() throws Exception {
        String cookie = RawHttp.login(port, EXCLUDED, EXCLUDED_PASSWORD);
        String csrf = RawHttp.get(port, "/cases", Map.of("Cookie", cookie)).csrf();
        int messagesBefore = AccountSteps.count(server, "SELECT COUNT(*) FROM message");
        int recordsBefore = AccountSteps.count(server, "SELECT COUNT(*) FROM internal_record");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", csrf);
        fields.put("version", "1");
        fields.put("submission", "s1");
        fields.put("reply", "hello");
        fields.put("note", "a note");
        fields.put("status", "closed");
        fields.put("officer", "1");
        fields.put("confirm", "yes");
        fields.put("facts", "facts");

        for (String get : List.of("", "/attachments/" + attachmentId, "/notification-draft")) {
            RawHttp.Response excluded = RawHttp.get(port, "/cases/" + caseId + get, Map.of("Cookie", cookie));
            RawHttp.Response unknown = RawHttp.get(port, "/cases/" + UNKNOWN_CASE + get, Map.of("Cookie", cookie));
            assertEquals(404, excluded.status(), "GET " + get);
            assertEquals(unknown.status(), excluded.status(), "GET " + get);
            assertEquals(unknown.text(), excluded.text(), "GET " + get);
        }
        for (String post : List.of("/messages", "/notes", "/risk", "/register-entry", "/status", "/assign",
                "/acknowledge", "/feedback", "/awareness", "/authority", "/extension", "/answered", "/close",
                "/access/grant")) {
            RawHttp.Response excluded = RawHttp.postForm(port, "/cases/" + caseId + post, Map.of("Cookie", cookie), fields);
            RawHttp.Response unknown = RawHttp.postForm(port, "/cases/" + UNKNOWN_CASE + post, Map.of("Cookie", cookie),
                    fields);
            assertEquals(404, excluded.status(), "POST " + post + ":\n" + excluded.text());
            assertEquals(unknown.text(), excluded.text(), "POST " + post);
        }
        assertEquals(messagesBefore, AccountSteps.count(server, "SELECT COUNT(*) FROM message"), "nothing was posted");
        assertEquals(recordsBefore, AccountSteps.count(server, "SELECT COUNT(*) FROM internal_record"),
                "nothing was recorded");
    }

    @Test
    void oddInputsNeverFail() throws Exception {
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String csrf = RawHttp.get(port, "/cases", Map.of("Cookie", cookie)).csrf();
        for (String path : List.of("/cases/-1", "/cases/99999999999999999999", "/cases/abc", "/cases/" + caseId
                        + "/attachments/..%2Fsealbox.key", "/cases/" + caseId + "/attachments/" + "f".repeat(32),
                "/cases?page=999999999&assignee=999999999999999999&sort=x&kind=y", "/cases?page=-5",
                "/cases/-1/notification-draft", "/register.csv", "/audit?page=-1", "/audit?page=99999999999")) {
            RawHttp.Response response = RawHttp.get(port, path, Map.of("Cookie", cookie));
            assertNotEquals(500, response.status(), "GET " + path + ":\n" + response.text());
        }
        List<Map<String, String>> variants = List.of(
                Map.of("version", "99999999999999999999", "aware-at", "+999999999-12-31T23:59"),
                Map.of("version", "-1", "aware-at", "0001-01-01T00:00", "months", "99999999999"),
                Map.of("version", "0", "aware-at", "9999-12-31 23:59:59", "decision", "notify",
                        "notified-at", "0001-01-01 00:00", "assignee", "-1", "officer", "99999999999999999999"));
        for (Map<String, String> variant : variants) {
            for (String post : List.of("/status", "/assign", "/awareness", "/authority", "/extension", "/risk",
                    "/register-entry", "/notes", "/messages", "/access/grant", "/access/exclude")) {
                Map<String, String> fields = new LinkedHashMap<>(variant);
                fields.put("csrf", csrf);
                RawHttp.Response response = RawHttp.postForm(port, "/cases/" + caseId + post, Map.of("Cookie", cookie),
                        fields);
                assertNotEquals(500, response.status(), "POST " + post + " " + variant + ":\n" + response.text());
            }
        }
        for (String post : List.of("/officers/99999999999999999999/deactivate", "/officers/-1/deactivate",
                "/officers/invitations/abc/withdraw", "/audit/verify")) {
            RawHttp.Response response = RawHttp.postForm(port, post, Map.of("Cookie", cookie), Map.of("csrf", csrf,
                    "role", "emperor", "username", "x".repeat(5000)));
            assertNotEquals(500, response.status(), "POST " + post + ":\n" + response.text());
        }
    }
}
