package org.sealbox.casework;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Officer;
import org.sealbox.testing.PostboxUser;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workflow forms on the case page, through the pages with JavaScript off. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowTest {

    private static final String ACKNOWLEDGEMENT = "Acme has your report and will look into it this week.";
    private static final String CONFLICT = "This case was changed by another officer. Reload the case page and try again.";

    @TempDir
    static Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-02T08:00:00Z"));
    private TestServer server;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(
                "sealbox.workflow.acknowledgement-message", ACKNOWLEDGEMENT,
                "sealbox.statuses.in-review", "Under investigation"), clock);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void concurrentEditDetected() throws Exception {
        String reference = CaseworkSteps.send(server, "breach");
        long caseId = SampleReports.caseId(server, reference);
        try (WebClient first = TestServer.browser(); WebClient second = TestServer.browser()) {
            HtmlPage firstPage = openCase(first, reference);
            HtmlPage secondPage = openCase(second, reference);
            long before = CaseworkSteps.version(server, caseId);

            HtmlForm firstForm = CaseworkSteps.form(firstPage, "/cases/" + caseId + "/status");
            firstForm.getSelectByName("status").setSelectedAttribute("in-review", true);
            HtmlPage afterFirst = Reporter.submit(firstForm, null);
            HtmlForm secondForm = CaseworkSteps.form(secondPage, "/cases/" + caseId + "/status");
            secondForm.getSelectByName("status").setSelectedAttribute("waiting-for-reporter", true);
            HtmlPage afterSecond = Reporter.submit(secondForm, null);

            assertEquals(200, afterFirst.getWebResponse().getStatusCode());
            assertTrue(afterFirst.asNormalizedText().contains("The status was changed."), afterFirst.asNormalizedText());
            assertTrue(afterFirst.asNormalizedText().contains("Under investigation"), "configured label on the case page");
            assertEquals(409, afterSecond.getWebResponse().getStatusCode());
            assertTrue(afterSecond.asNormalizedText().contains(CONFLICT), afterSecond.asNormalizedText());
            assertTrue(afterSecond.asNormalizedText().contains("waiting-for-reporter"), "the typed value is shown");
            assertEquals("in-review", CaseworkSteps.workflowRow(server, caseId).get("status"), "first change kept");
            assertEquals(before + 1, CaseworkSteps.version(server, caseId), "one change stored");
        }
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("status", "breach", Map.of("status", "in-review")),
                Arguments.of("assign", "breach", Map.of("assignee", "OFFICER_ID")),
                Arguments.of("acknowledge", "breach", Map.of()),
                Arguments.of("feedback", "breach", Map.of()),
                Arguments.of("awareness", "breach", Map.of("aware-at", "2025-05-30T09:00")),
                Arguments.of("authority", "breach", Map.of("decision", "not-needed", "reason", "Only public data.")),
                Arguments.of("extension", "request", Map.of("months", "1", "extension-reason", "Many records to search.")),
                Arguments.of("answered", "request", Map.of()),
                Arguments.of("close", "breach", Map.of()));
    }

    @ParameterizedTest(name = "POST /cases/<id>/{0}")
    @MethodSource("routes")
    void csrfMissingOrForeignForbidden(String step, String kind, Map<String, String> fields) throws Exception {
        long caseId = SampleReports.caseId(server, CaseworkSteps.send(server, kind));
        int port = server.app().adminPort();
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String ownToken = RawHttp.get(port, "/cases", Map.of("Cookie", cookie)).csrf();
        String otherCookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String foreignToken = RawHttp.get(port, "/cases", Map.of("Cookie", otherCookie)).csrf();
        Map<String, String> form = new HashMap<>();
        fields.forEach((name, value) -> form.put(name, value.equals("OFFICER_ID")
                ? Long.toString(CaseRows.officerId(server.app().database(), TestServer.OFFICER)) : value));
        form.put("version", Long.toString(CaseworkSteps.version(server, caseId)));
        String path = "/cases/" + caseId + "/" + step;
        Map<String, Object> before = CaseworkSteps.workflowRow(server, caseId);

        RawHttp.Response missing = RawHttp.postForm(port, path, Map.of("Cookie", cookie), form);
        assertEquals(403, missing.status(), "without a CSRF token");
        assertEquals(before, CaseworkSteps.workflowRow(server, caseId), "nothing changed without a token");

        Map<String, String> foreign = new HashMap<>(form);
        foreign.put("csrf", foreignToken);
        RawHttp.Response other = RawHttp.postForm(port, path, Map.of("Cookie", cookie), foreign);
        assertEquals(403, other.status(), "with another session's CSRF token");
        assertEquals(before, CaseworkSteps.workflowRow(server, caseId), "nothing changed with a foreign token");

        Map<String, String> valid = new HashMap<>(form);
        valid.put("csrf", ownToken);
        RawHttp.Response accepted = RawHttp.postForm(port, path, Map.of("Cookie", cookie), valid);
        assertEquals(303, accepted.status(), "the same form with the session's token is accepted:\n" + accepted.text());
        assertNotEquals(before, CaseworkSteps.workflowRow(server, caseId), "the accepted form changed the case");
    }

    @Test
    void acknowledgementPostsConfiguredMessage() throws Exception {
        String reference = CaseworkSteps.sendWithPostbox(server, "breach", "Grey Heron 11");
        long caseId = SampleReports.caseId(server, reference);
        try (WebClient browser = TestServer.browser()) {
            HtmlPage page = CaseworkSteps.submitStep(openCase(browser, reference), caseId, "acknowledge");

            assertTrue(page.asNormalizedText().contains("Receipt was acknowledged"), page.asNormalizedText());
            assertTrue(page.asNormalizedText().contains(ACKNOWLEDGEMENT), "the message is in the conversation");
            assertFalse(CaseworkSteps.openDeadlines(page).contains("Acknowledge receipt"), "the deadline is met");
        }
        Map<String, Object> row = CaseworkSteps.workflowRow(server, caseId);
        assertEquals("acknowledged", row.get("status"));
        assertEquals(clock.instant().getEpochSecond(), ((Number) row.get("acknowledged_at")).longValue());
        try (WebClient reporter = TestServer.browser()) {
            HtmlPage inbox = new PostboxUser(reporter, server).login("Grey Heron 11", CaseworkSteps.POSTBOX_PASSWORD);
            assertTrue(inbox.asNormalizedText().contains(ACKNOWLEDGEMENT), inbox.asNormalizedText());
            assertTrue(inbox.asNormalizedText().contains("Receipt confirmed"), "the postbox shows the status");
        }
    }

    @Test
    void extensionWithinFirstMonthTellsRequester() throws Exception {
        String reference = CaseworkSteps.sendWithPostbox(server, "request", "Blue Finch 23");
        long caseId = SampleReports.caseId(server, reference);
        try (WebClient browser = TestServer.browser()) {
            HtmlPage casePage = openCase(browser, reference);
            HtmlForm form = CaseworkSteps.form(casePage, "/cases/" + caseId + "/extension");
            ((HtmlRadioButtonInput) casePage.getElementById("workflow-months-2")).setChecked(true);
            ((HtmlTextArea) casePage.getElementById("workflow-extension-reason")).setText("Records sit in three archives.");
            HtmlPage page = Reporter.submit(form, null);

            assertTrue(page.asNormalizedText().contains("The deadline was extended"), page.asNormalizedText());
            assertTrue(page.asNormalizedText().contains("Answer the request (extended, GDPR Art. 12(3))"),
                    page.asNormalizedText());
            assertTrue(page.asNormalizedText().contains("2025-09-02 10:00 (Europe/Berlin)"), "three months after receipt");
        }
        Map<String, Object> row = CaseworkSteps.workflowRow(server, caseId);
        assertEquals(2, ((Number) row.get("extension_months")).intValue());
        assertNotNull(row.get("extended_at"));
        try (WebClient reporter = TestServer.browser()) {
            String inbox = new PostboxUser(reporter, server).login("Blue Finch 23", CaseworkSteps.POSTBOX_PASSWORD)
                    .asNormalizedText();
            assertTrue(inbox.contains("extended by 2 months"), inbox);
            assertTrue(inbox.contains("Records sit in three archives."), inbox);
        }
    }

    @Test
    void extensionAfterFirstMonthRefused() throws Exception {
        String reference = CaseworkSteps.send(server, "request");
        long caseId = SampleReports.caseId(server, reference);
        try (WebClient browser = TestServer.browser()) {
            HtmlPage casePage = openCase(browser, reference);
            HtmlForm form = CaseworkSteps.form(casePage, "/cases/" + caseId + "/extension");
            ((HtmlRadioButtonInput) casePage.getElementById("workflow-months-1")).setChecked(true);
            ((HtmlTextArea) casePage.getElementById("workflow-extension-reason")).setText("Late reason.");
            // The request arrived 32 days before now, so its first month is over when the form is sent.
            server.app().database().write(h -> {
                CaseRows.set(h, caseId, "received_hour",
                        clock.instant().minus(Duration.ofDays(32)).getEpochSecond() / 3600 * 3600);
                return null;
            });
            Map<String, Object> before = CaseworkSteps.workflowRow(server, caseId);
            HtmlPage page = Reporter.submit(form, null);

            assertEquals(422, page.getWebResponse().getStatusCode());
            assertTrue(page.asNormalizedText().contains("can no longer be extended"), page.asNormalizedText());
            assertEquals(before, CaseworkSteps.workflowRow(server, caseId), "nothing changed");
            HtmlPage reloaded = browser.getPage(server.adminUrl("/cases/" + caseId));
            assertTrue(reloaded.asNormalizedText().contains("can no longer be extended"), "the case page says so");
            assertFalse(reloaded.asNormalizedText().contains("Extend and tell the requester"), "no extension form");
        }
    }

    @Test
    void lateNotificationNeedsDelayReason() throws Exception {
        String reference = CaseworkSteps.send(server, "breach");
        long caseId = SampleReports.caseId(server, reference);
        try (WebClient browser = TestServer.browser()) {
            HtmlPage casePage = openCase(browser, reference);
            HtmlForm awareness = CaseworkSteps.form(casePage, "/cases/" + caseId + "/awareness");
            awareness.getInputByName("aware-at").setValue("2025-05-28T10:00");
            casePage = Reporter.submit(awareness, null);
            assertTrue(casePage.asNormalizedText().contains("2025-05-31 10:00 (Europe/Berlin)"), casePage.asNormalizedText());

            HtmlForm decision = CaseworkSteps.form(casePage, "/cases/" + caseId + "/authority");
            ((HtmlRadioButtonInput) casePage.getElementById("workflow-decision-notify")).setChecked(true);
            decision.getInputByName("notified-at").setValue("2025-06-02T09:00");
            decision.getInputByName("reference").setValue("DPA-2025-0042");
            Map<String, Object> before = CaseworkSteps.workflowRow(server, caseId);
            HtmlPage refused = Reporter.submit(decision, null);

            assertEquals(422, refused.getWebResponse().getStatusCode());
            assertTrue(refused.asNormalizedText().contains("later than the 72-hour deadline of 2025-05-31 10:00"),
                    refused.asNormalizedText());
            assertEquals("DPA-2025-0042", CaseworkSteps.form(refused, "/cases/" + caseId + "/authority")
                    .getInputByName("reference").getValue(), "the typed reference is kept");
            assertEquals(before, CaseworkSteps.workflowRow(server, caseId), "nothing changed");

            HtmlForm retry = CaseworkSteps.form(refused, "/cases/" + caseId + "/authority");
            ((HtmlTextArea) refused.getElementById("workflow-delay-reason")).setText("The IT report arrived late.");
            HtmlPage accepted = Reporter.submit(retry, null);

            assertEquals(200, accepted.getWebResponse().getStatusCode(), accepted.asNormalizedText());
            assertTrue(accepted.asNormalizedText().contains("DPA-2025-0042"), "the reference is shown decrypted");
            assertTrue(accepted.asNormalizedText().contains("The IT report arrived late."), "the delay reason is shown");
            assertFalse(CaseworkSteps.openDeadlines(accepted).contains("Notify the supervisory authority"),
                    "the notification deadline is met");
        }
        Map<String, Object> row = CaseworkSteps.workflowRow(server, caseId);
        assertEquals("notify", row.get("authority_decision"));
        assertEquals(Instant.parse("2025-06-02T07:00:00Z").getEpochSecond(),
                ((Number) row.get("authority_notified_at")).longValue());
        assertEquals(1, ((Number) row.get("records")).intValue(), "one sealed internal record");
        byte[] body = server.app().database().read(h -> h.createQuery(
                "SELECT body FROM internal_record WHERE case_id = :id").bind("id", caseId).mapTo(byte[].class).one());
        assertFalse(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1).contains("DPA-2025-0042"),
                "the reference is stored encrypted");
    }

    @Test
    void awarenessInFutureRefused() throws Exception {
        long caseId = SampleReports.caseId(server, CaseworkSteps.send(server, "breach"));
        int port = server.app().adminPort();
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String token = RawHttp.get(port, "/cases", Map.of("Cookie", cookie)).csrf();
        Map<String, Object> before = CaseworkSteps.workflowRow(server, caseId);

        RawHttp.Response response = RawHttp.postForm(port, "/cases/" + caseId + "/awareness", Map.of("Cookie", cookie),
                Map.of("csrf", token, "version", Long.toString(CaseworkSteps.version(server, caseId)),
                        "aware-at", "2025-06-03T10:00"));

        assertEquals(422, response.status());
        assertTrue(response.text().contains("cannot be later than now"), response.text());
        assertTrue(response.text().contains("2025-06-03T10:00"), "the typed value is kept");
        assertEquals(before, CaseworkSteps.workflowRow(server, caseId));
    }

    @Test
    void unreadCountFollowsReporterAndOfficer() throws Exception {
        String reference = CaseworkSteps.sendWithPostbox(server, "breach", "Red Kite 31");
        try (WebClient reporter = TestServer.browser()) {
            HtmlPage inbox = new PostboxUser(reporter, server).login("Red Kite 31", CaseworkSteps.POSTBOX_PASSWORD);
            PostboxUser.reply(inbox, "One more detail: the letters were sent on Monday.", null);
        }
        try (WebClient browser = TestServer.browser()) {
            HtmlPage list = new Officer(browser, server).login();
            assertTrue(CaseworkSteps.row(list, reference).contains("1 new message"), CaseworkSteps.row(list, reference));

            new Officer(browser, server).openCase(list, reference);
            HtmlPage after = browser.getPage(server.adminUrl("/cases"));
            assertFalse(CaseworkSteps.row(after, reference).contains("new message"), CaseworkSteps.row(after, reference));
        }
    }

    @Test
    void closeFromCasePage() throws Exception {
        String reference = CaseworkSteps.send(server, "breach");
        long caseId = SampleReports.caseId(server, reference);
        try (WebClient browser = TestServer.browser()) {
            HtmlPage page = CaseworkSteps.submitStep(openCase(browser, reference), caseId, "close");

            assertTrue(page.asNormalizedText().contains("The case was closed."), page.asNormalizedText());
            assertTrue(page.asNormalizedText().contains("No deadline is open."), page.asNormalizedText());
            String row = CaseworkSteps.row(browser.getPage(server.adminUrl("/cases")), reference);
            assertTrue(row.contains("Closed"), row);
        }
        Map<String, Object> row = CaseworkSteps.workflowRow(server, caseId);
        assertEquals("closed", row.get("status"));
        assertNotNull(row.get("closed_at"));
        assertNull(row.get("next_deadline"));
        int audited = server.app().database().read(h -> h.createQuery(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'case.status' AND case_id = :id")
                .bind("id", caseId).mapTo(Integer.class).one());
        assertEquals(1, audited, "the change is in the audit log");
    }

    @Test
    void requestStatusesOmitReported() throws Exception {
        String request = CaseworkSteps.send(server, "request");
        String breach = CaseworkSteps.send(server, "breach");
        long requestId = SampleReports.caseId(server, request);
        try (WebClient browser = TestServer.browser()) {
            HtmlPage requestPage = openCase(browser, request);
            HtmlPage breachPage = new Officer(browser, server).openCase(browser.getPage(server.adminUrl("/cases")), breach);

            List<String> requestOptions = statusOptions(requestPage, requestId);
            assertFalse(requestOptions.contains("reported-to-authority"), requestOptions.toString());
            assertTrue(statusOptions(breachPage, SampleReports.caseId(server, breach)).contains("reported-to-authority"));
        }
        int port = server.app().adminPort();
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        Map<String, Object> before = CaseworkSteps.workflowRow(server, requestId);

        RawHttp.Response refused = RawHttp.postForm(port, "/cases/" + requestId + "/status", Map.of("Cookie", cookie),
                Map.of("csrf", RawHttp.get(port, "/cases", Map.of("Cookie", cookie)).csrf(),
                        "version", Long.toString(CaseworkSteps.version(server, requestId)),
                        "status", "reported-to-authority"));

        assertEquals(422, refused.status(), refused.text());
        assertTrue(refused.text().contains("Only breach reports can be reported to the supervisory authority."),
                refused.text());
        assertEquals(before, CaseworkSteps.workflowRow(server, requestId), "nothing changed");
    }

    @Test
    void notificationSetsReportedStatus() throws Exception {
        String reference = CaseworkSteps.send(server, "breach");
        long caseId = SampleReports.caseId(server, reference);
        try (WebClient browser = TestServer.browser()) {
            HtmlPage casePage = openCase(browser, reference);
            HtmlForm decision = CaseworkSteps.form(casePage, "/cases/" + caseId + "/authority");
            ((HtmlRadioButtonInput) casePage.getElementById("workflow-decision-notify")).setChecked(true);
            decision.getInputByName("notified-at").setValue("2025-06-02T09:30");
            HtmlPage after = Reporter.submit(decision, null);

            assertEquals(200, after.getWebResponse().getStatusCode(), after.asNormalizedText());
            assertTrue(after.asNormalizedText().contains(
                    "The decision was recorded, and the status was set to Reported to authority because the authority"
                            + " was notified."), after.asNormalizedText());
        }
        assertEquals("reported-to-authority", CaseworkSteps.workflowRow(server, caseId).get("status"));
        int statusEntries = server.app().database().read(h -> h.createQuery(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'case.status' AND case_id = :id")
                .bind("id", caseId).mapTo(Integer.class).one());
        assertEquals(1, statusEntries, "the status change is in the audit log");
    }

    @Test
    void decisionWithoutNotificationKeepsStatus() throws Exception {
        String reference = CaseworkSteps.send(server, "breach");
        long caseId = SampleReports.caseId(server, reference);
        try (WebClient browser = TestServer.browser()) {
            HtmlPage casePage = openCase(browser, reference);
            HtmlForm decision = CaseworkSteps.form(casePage, "/cases/" + caseId + "/authority");
            ((HtmlRadioButtonInput) casePage.getElementById("workflow-decision-notify")).setChecked(true);
            HtmlPage after = Reporter.submit(decision, null);

            assertTrue(after.asNormalizedText().contains("The decision was recorded."), after.asNormalizedText());
        }
        assertEquals("new", CaseworkSteps.workflowRow(server, caseId).get("status"));
    }

    @Test
    void answeredRequestKeepsStatus() throws Exception {
        String reference = CaseworkSteps.send(server, "request");
        long caseId = SampleReports.caseId(server, reference);
        HtmlPage page;
        try (WebClient browser = TestServer.browser()) {
            page = CaseworkSteps.submitStep(openCase(browser, reference), caseId, "answered");
        }
        Map<String, Object> row = CaseworkSteps.workflowRow(server, caseId);
        String answeredAt = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(
                Instant.ofEpochSecond(((Number) row.get("answered_at")).longValue())
                        .atZone(java.time.ZoneId.of("Europe/Berlin")));

        assertTrue(page.asNormalizedText().contains("The request was marked as answered."), page.asNormalizedText());
        assertTrue(page.asNormalizedText().contains("Answered on " + answeredAt + " (Europe/Berlin)"),
                page.asNormalizedText());
        assertEquals("new", row.get("status"));
    }

    @Test
    void closedCaseOffersOnlyStatus() throws Exception {
        String reference = CaseworkSteps.send(server, "breach");
        long caseId = SampleReports.caseId(server, reference);
        try (WebClient browser = TestServer.browser()) {
            HtmlPage closed = CaseworkSteps.submitStep(openCase(browser, reference), caseId, "close");
            List<String> actions = workflowActions(closed, caseId);

            assertEquals(List.of("/cases/" + caseId + "/status"), actions);
            assertTrue(closed.asNormalizedText().contains("reopen it by changing its status"), closed.asNormalizedText());

            int port = server.app().adminPort();
            String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
            Map<String, Object> before = CaseworkSteps.workflowRow(server, caseId);
            RawHttp.Response refused = RawHttp.postForm(port, "/cases/" + caseId + "/acknowledge",
                    Map.of("Cookie", cookie), Map.of("csrf", RawHttp.get(port, "/cases", Map.of("Cookie", cookie)).csrf(),
                            "version", Long.toString(CaseworkSteps.version(server, caseId))));
            assertEquals(422, refused.status(), refused.text());
            assertTrue(refused.text().contains("This case is closed."), refused.text());
            assertEquals(before, CaseworkSteps.workflowRow(server, caseId), "nothing changed");

            HtmlForm status = CaseworkSteps.form(closed, "/cases/" + caseId + "/status");
            status.getSelectByName("status").setSelectedAttribute("in-review", true);
            HtmlPage reopened = Reporter.submit(status, null);

            assertTrue(workflowActions(reopened, caseId).contains("/cases/" + caseId + "/acknowledge"),
                    reopened.asNormalizedText());
            assertNull(CaseworkSteps.workflowRow(server, caseId).get("closed_at"));
        }
    }

    /** Returns the values of the status choices on a case page. */
    private static List<String> statusOptions(HtmlPage casePage, long caseId) {
        return CaseworkSteps.form(casePage, "/cases/" + caseId + "/status").getSelectByName("status").getOptions()
                .stream().map(option -> option.getValueAttribute()).toList();
    }

    /** Returns the actions of the workflow forms of a case page, in page order. */
    private static List<String> workflowActions(HtmlPage casePage, long caseId) {
        List<String> steps = List.of("status", "assign", "acknowledge", "feedback", "awareness", "authority",
                "extension", "answered", "close");
        return casePage.getForms().stream()
                .map(HtmlForm::getActionAttribute)
                .filter(action -> steps.stream().anyMatch(step -> action.equals("/cases/" + caseId + "/" + step)))
                .toList();
    }

    private HtmlPage openCase(WebClient browser, String reference) throws Exception {
        Officer officer = new Officer(browser, server);
        return officer.openCase(officer.login(), reference);
    }
}
