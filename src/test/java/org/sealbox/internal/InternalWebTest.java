package org.sealbox.internal;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.audit.AuditLog;
import org.sealbox.testing.PostboxUser;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Internal notes and the risk assessment through the officer's pages. They are shown to officers
 * and absent from the reporter's postbox page and API and, in plaintext, from the data directory.
 * Also covers the form checks, the conflict check and the CSRF checks of every internal POST route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InternalWebTest {

    private static final String PSEUDONYM = "Quiet Heron 42";
    private static final String PASSWORD = "lantern orbit meadow cactus";

    @TempDir
    static Path dataDir;

    private TestServer server;
    private String breach;
    private String request;
    private WebClient browser;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
        breach = InternalSteps.sendBreachWithPostbox(server, "The payroll list went to a supplier.", PSEUDONYM, PASSWORD);
        try (WebClient reporter = TestServer.browser()) {
            request = InternalSteps.sendRequest(server, reporter);
        }
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = TestServer.browser();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void notesAndRiskStayInternal() throws Exception {
        // Random parts keep these values out of the source tree, which may be copied under the temp directory.
        String noteText = "CANARY-NOTE-" + UUID.randomUUID();
        String reasonText = "CANARY-REASON-" + UUID.randomUUID();
        int notesBefore = InternalSteps.auditCount(server, AuditLog.CASE_NOTE);
        int risksBefore = InternalSteps.auditCount(server, AuditLog.CASE_RISK);

        HtmlPage afterNote = InternalSteps.addNote(InternalSteps.casePage(browser, server, breach), noteText);
        HtmlPage afterRisk = InternalSteps.assessRisk(afterNote, "medium", "very-high", "override", "notify-authority",
                reasonText);

        String officerView = afterRisk.asNormalizedText();
        assertEquals(200, afterRisk.getWebResponse().getStatusCode(), officerView);
        assertTrue(officerView.contains(noteText), "the officer reads the note");
        assertTrue(officerView.contains(TestServer.OFFICER + " "), "the note names its author");
        assertTrue(officerView.contains("Notify the authority and the people affected (Art. 33 and 34)"),
                "the recommendation from the matrix is shown");
        assertTrue(officerView.contains("differs from the recommendation"), "the override is marked");
        assertTrue(officerView.contains(reasonText), "the reason is shown");
        assertEquals(notesBefore + 1, InternalSteps.auditCount(server, AuditLog.CASE_NOTE), "note audited");
        assertEquals(risksBefore + 1, InternalSteps.auditCount(server, AuditLog.CASE_RISK), "risk audited");

        try (WebClient reporter = TestServer.browser()) {
            String inbox = new PostboxUser(reporter, server).login(PSEUDONYM, PASSWORD).asNormalizedText();
            assertTrue(inbox.contains("The payroll list went to a supplier."), "the reporter's inbox was opened");
            assertFalse(inbox.contains(noteText), "no note in the postbox page");
            assertFalse(inbox.contains(reasonText), "no risk reason in the postbox page");
        }
        String api = postboxApiMessages();
        assertTrue(api.contains("The payroll list went to a supplier."), "the API returned the conversation: " + api);
        assertFalse(api.contains(noteText), "no note in the postbox API");
        assertFalse(api.contains(reasonText), "no risk reason in the postbox API");

        for (Path file : dataFiles()) {
            byte[] content = Files.readAllBytes(file);
            assertFalse(contains(content, noteText), "note in plaintext in " + file);
            assertFalse(contains(content, reasonText), "risk reason in plaintext in " + file);
        }
    }

    @Test
    void confirmedAssessmentKeepsHistory() throws Exception {
        HtmlPage first = InternalSteps.assessRisk(InternalSteps.casePage(browser, server, breach), "low", "low",
                "confirm", "", "");
        HtmlPage second = InternalSteps.assessRisk(first, "high", "high", "confirm", "", "");

        String text = second.asNormalizedText();
        assertEquals(200, second.getWebResponse().getStatusCode(), text);
        assertTrue(text.contains("Earlier assessments"), "older assessments are listed");
        String history = second.querySelector("ul.risk-history").getTextContent();
        assertTrue(history.contains("Low / Low → Document only"), "the first assessment is in the history:\n" + history);
        assertEquals("high", ((HtmlSelect) second.getElementById("likelihood-input")).getSelectedOptions().getFirst()
                .getValueAttribute(), "the form starts from the latest assessment");
    }

    @Test
    void overrideWithoutReasonRejected() throws Exception {
        HtmlPage casePage = InternalSteps.casePage(browser, server, breach);
        int before = InternalSteps.recordCount(server);

        HtmlPage page = InternalSteps.assessRisk(casePage, "high", "very-high", "override", "document", "  ");

        assertEquals(422, page.getWebResponse().getStatusCode(), "status without a reason");
        assertTrue(page.asNormalizedText().contains("Give the reason for deciding differently from the recommendation."),
                page.asNormalizedText());
        assertEquals("very-high", ((HtmlSelect) page.getElementById("severity-input")).getSelectedOptions().getFirst()
                .getValueAttribute(), "the chosen severity is kept");
        assertEquals(before, InternalSteps.recordCount(server), "nothing stored");
    }

    @Test
    void missingLevelsRejected() throws Exception {
        HtmlPage casePage = InternalSteps.casePage(browser, server, breach);
        int before = InternalSteps.recordCount(server);

        HtmlPage page = InternalSteps.assessRisk(casePage, "", "", "confirm", "", "");

        assertEquals(422, page.getWebResponse().getStatusCode());
        assertTrue(page.asNormalizedText().contains("Choose the likelihood of harm."), page.asNormalizedText());
        assertTrue(page.asNormalizedText().contains("Choose the severity of harm."), page.asNormalizedText());
        assertEquals(before, InternalSteps.recordCount(server), "nothing stored");
    }

    @Test
    void emptyNoteRejected() throws Exception {
        int before = InternalSteps.recordCount(server);

        HtmlPage page = InternalSteps.addNote(InternalSteps.casePage(browser, server, breach), " \n ");

        assertEquals(422, page.getWebResponse().getStatusCode());
        assertTrue(page.asNormalizedText().contains("Please write a note."), page.asNormalizedText());
        assertEquals(before, InternalSteps.recordCount(server), "nothing stored");
    }

    @Test
    void staleRiskFormConflicts() throws Exception {
        HtmlPage first = InternalSteps.casePage(browser, server, breach);
        HtmlPage stale;
        try (WebClient other = TestServer.browser()) {
            stale = InternalSteps.casePage(other, server, breach);
            InternalSteps.assessRisk(first, "medium", "medium", "confirm", "", "");
            int before = InternalSteps.recordCount(server);

            HtmlPage page = InternalSteps.assessRisk(stale, "none", "none", "confirm", "", "");

            assertEquals(409, page.getWebResponse().getStatusCode(), "a form loaded before another officer's change");
            assertTrue(page.asNormalizedText().contains("Another officer saved a newer version"), page.asNormalizedText());
            assertEquals(before, InternalSteps.recordCount(server), "nothing stored");
        }
    }

    @Test
    void requestCaseHasNoRiskForm() throws Exception {
        HtmlPage page = InternalSteps.casePage(browser, server, request);

        assertTrue(page.asNormalizedText().contains("Internal notes"), "notes exist on every case");
        assertNull(page.getElementById("likelihood-input"), "no risk form on an information request");
        assertNull(page.getElementById("facts-input"), "no register entry on an information request");

        String cookie = RawHttp.login(server.app().adminPort(), TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String csrf = RawHttp.get(server.app().adminPort(), "/cases", Map.of("Cookie", cookie)).csrf();
        RawHttp.Response response = RawHttp.postForm(server.app().adminPort(), path(request, "risk"),
                Map.of("Cookie", cookie), Map.of("csrf", csrf, "likelihood", "low", "severity", "low", "decision", "confirm"));
        assertEquals(404, response.status(), "risk assessment only on breach cases");
    }

    @Test
    void csrfMissingOrForeignForbidden() throws Exception {
        int port = server.app().adminPort();
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String otherCookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String foreign = RawHttp.get(port, "/cases", Map.of("Cookie", otherCookie)).csrf();
        Map<String, Map<String, String>> routes = Map.of(
                "notes", Map.of("note", "Sent without a valid token.", "submission", "csrf-test"),
                "risk", Map.of("likelihood", "high", "severity", "high", "decision", "confirm", "basis", ""),
                "register-entry", Map.of("facts", "Facts", "effects", "Effects", "remedial", "Remedy", "basis", ""));

        for (Map.Entry<String, Map<String, String>> route : routes.entrySet()) {
            String path = path(breach, route.getKey());
            int before = InternalSteps.recordCount(server);

            RawHttp.Response missing = RawHttp.postForm(port, path, Map.of("Cookie", cookie), route.getValue());
            Map<String, String> withForeign = new java.util.HashMap<>(route.getValue());
            withForeign.put("csrf", foreign);
            RawHttp.Response wrong = RawHttp.postForm(port, path, Map.of("Cookie", cookie), withForeign);

            assertEquals(403, missing.status(), "missing CSRF token on " + path);
            assertEquals(403, wrong.status(), "another session's CSRF token on " + path);
            assertEquals(before, InternalSteps.recordCount(server), "nothing stored by " + path);
        }
    }

    private String path(String reference, String route) {
        return "/cases/" + SampleReports.caseId(server, reference) + "/" + route;
    }

    /** Opens the postbox through the JSON API and returns the conversation as JSON text. */
    private String postboxApiMessages() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String login = Json.createObjectBuilder().add("pseudonym", PSEUDONYM).add("password", PASSWORD).build().toString();
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(server.publicUrl("/api/postbox/sessions")))
                .POST(HttpRequest.BodyPublishers.ofString(login))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, opened.statusCode(), opened.body());
        String token = Json.createReader(new StringReader(opened.body())).readObject().getString("token");
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(server.publicUrl("/api/postbox/messages")))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, read.statusCode(), read.body());
        return read.body();
    }

    private List<Path> dataFiles() throws IOException {
        try (var walk = Files.walk(dataDir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static boolean contains(byte[] haystack, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
