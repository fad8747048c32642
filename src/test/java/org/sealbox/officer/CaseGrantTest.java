package org.sealbox.officer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.audit.AuditLog;
import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Officer;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Explicit grants on the case page, exclusions, and pending grants that respect exclusions. */
class CaseGrantTest {

    private static final String LATECOMER = "bob";
    private static final String LATECOMER_PASSWORD = "bob joined the team later";
    private static final String DETAILS = "A case for the access tests.";
    static final String CASE_NOT_FOUND = "No case with this number that you can open. An officer who holds it can give you access.";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private TestServer server;
    private WebClient browser;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
        port = server.app().adminPort();
        browser = TestServer.browser();
    }

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    @Test
    void explicitGrantOpensCase() throws Exception {
        String reference = SampleReports.sendBreach(server, TestServer.browser(), DETAILS);
        long caseId = SampleReports.caseId(server, reference);
        server.createOfficer(LATECOMER, LATECOMER_PASSWORD, Role.OFFICER);
        String latecomer = RawHttp.login(port, LATECOMER, LATECOMER_PASSWORD);
        assertEquals(404, RawHttp.get(port, "/cases/" + caseId, Map.of("Cookie", latecomer)).status());

        Officer officer = new Officer(browser, server);
        HtmlPage casePage = officer.openCase(officer.login(), reference);
        HtmlForm grant = formWithAction(casePage, "/cases/" + caseId + "/access/grant");
        assertEquals(LATECOMER, grant.getSelectByName("officer").getSelectedOptions().getFirst().asNormalizedText());
        HtmlPage after = Reporter.submit(grant, null);

        assertTrue(after.asNormalizedText().contains("Access was given."), after.asNormalizedText());
        assertEquals(1, AccountSteps.caseKeys(server, LATECOMER));
        assertEquals(1, AccountSteps.audited(server, AuditLog.CASE_GRANT));
        RawHttp.Response opened = RawHttp.get(port, "/cases/" + caseId, Map.of("Cookie", latecomer));
        assertEquals(200, opened.status());
        assertTrue(opened.text().contains(DETAILS), opened.text());
        assertTrue(after.asNormalizedText().contains("Officers who can open this case:"), after.asNormalizedText());
    }

    @Test
    void excludedOfficerCannotOpenCase() throws Exception {
        server.createOfficer(LATECOMER, LATECOMER_PASSWORD, Role.OFFICER);
        String reference = SampleReports.sendBreach(server, TestServer.browser(), DETAILS);
        long caseId = SampleReports.caseId(server, reference);
        String latecomer = RawHttp.login(port, LATECOMER, LATECOMER_PASSWORD);
        assertEquals(200, RawHttp.get(port, "/cases/" + caseId, Map.of("Cookie", latecomer)).status());

        Officer officer = new Officer(browser, server);
        HtmlPage casePage = officer.openCase(officer.login(), reference);
        HtmlForm exclude = formWithAction(casePage, "/cases/" + caseId + "/access/exclude");
        exclude.getSelectByName("officer").setSelectedAttribute(Long.toString(AccountSteps.officerId(server, LATECOMER)), true);
        exclude.getInputByName("confirm").setChecked(true);
        HtmlPage after = Reporter.submit(exclude, null);

        assertTrue(after.asNormalizedText().contains("The officer was excluded from this case."), after.asNormalizedText());
        assertEquals(0, AccountSteps.caseKeys(server, LATECOMER));
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM case_exclusion"));
        assertEquals(1, AccountSteps.audited(server, AuditLog.CASE_EXCLUDE));
        RawHttp.Response page = RawHttp.get(port, "/cases/" + caseId, Map.of("Cookie", latecomer));
        assertEquals(404, page.status());
        assertTrue(page.text().contains(CASE_NOT_FOUND), page.text());
        assertFalse(page.text().contains(DETAILS), page.text());
        String list = RawHttp.get(port, "/cases", Map.of("Cookie", latecomer)).text();
        assertFalse(list.contains(reference), list);
        assertFalse(list.contains("/cases/" + caseId + "\""), list);
    }

    @Test
    void excludedOfficerCannotBeGranted() throws Exception {
        server.createOfficer(LATECOMER, LATECOMER_PASSWORD, Role.OFFICER);
        long caseId = SampleReports.caseId(server, SampleReports.sendBreach(server, TestServer.browser(), DETAILS));
        long latecomerId = AccountSteps.officerId(server, LATECOMER);
        String admin = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String csrf = AccountSteps.csrf(server, admin);
        assertEquals(303, RawHttp.postForm(port, "/cases/" + caseId + "/access/exclude", Map.of("Cookie", admin),
                Map.of("csrf", csrf, "officer", Long.toString(latecomerId), "confirm", "yes")).status());

        RawHttp.Response grant = RawHttp.postForm(port, "/cases/" + caseId + "/access/grant", Map.of("Cookie", admin),
                Map.of("csrf", csrf, "officer", Long.toString(latecomerId)));
        String casePage = RawHttp.get(port, "/cases/" + caseId, Map.of("Cookie", admin)).text();

        assertEquals(409, grant.status());
        assertEquals(0, AccountSteps.caseKeys(server, LATECOMER));
        assertFalse(casePage.contains("<option value=\"" + latecomerId + "\">"), casePage);
    }

    @Test
    void administratorCannotExcludeSelf() throws Exception {
        long caseId = SampleReports.caseId(server, SampleReports.sendBreach(server, TestServer.browser(), DETAILS));
        String admin = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);

        RawHttp.Response refused = RawHttp.postForm(port, "/cases/" + caseId + "/access/exclude", Map.of("Cookie", admin),
                Map.of("csrf", AccountSteps.csrf(server, admin), "confirm", "yes",
                        "officer", Long.toString(AccountSteps.officerId(server, TestServer.OFFICER))));

        assertEquals(409, refused.status());
        assertEquals(1, AccountSteps.caseKeys(server, TestServer.OFFICER));
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM case_exclusion"));
    }

    @Test
    void officerCannotExclude() throws Exception {
        server.createOfficer(LATECOMER, LATECOMER_PASSWORD, Role.OFFICER);
        long caseId = SampleReports.caseId(server, SampleReports.sendBreach(server, TestServer.browser(), DETAILS));
        String latecomer = RawHttp.login(port, LATECOMER, LATECOMER_PASSWORD);

        String casePage = RawHttp.get(port, "/cases/" + caseId, Map.of("Cookie", latecomer)).text();
        RawHttp.Response refused = RawHttp.postForm(port, "/cases/" + caseId + "/access/exclude",
                Map.of("Cookie", latecomer), Map.of("csrf", AccountSteps.csrf(server, latecomer),
                        "officer", Long.toString(AccountSteps.officerId(server, TestServer.OFFICER))));

        assertFalse(casePage.contains("/access/exclude"), "an officer sees the exclusion form");
        assertEquals(403, refused.status());
        assertEquals(1, AccountSteps.caseKeys(server, TestServer.OFFICER));
    }

    @Test
    void pendingGrantSkipsExclusions() throws Exception {
        long first = SampleReports.caseId(server, SampleReports.sendBreach(server, TestServer.browser(), "First case."));
        long second = SampleReports.caseId(server, SampleReports.sendBreach(server, TestServer.browser(), "Second case."));
        server.createOfficer(LATECOMER, LATECOMER_PASSWORD, Role.OFFICER);
        long latecomerId = AccountSteps.officerId(server, LATECOMER);
        String admin = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        assertEquals(303, RawHttp.postForm(port, "/cases/" + second + "/access/exclude", Map.of("Cookie", admin),
                Map.of("csrf", AccountSteps.csrf(server, admin), "officer", Long.toString(latecomerId),
                        "confirm", "yes")).status());
        server.app().database().write(h -> {
            CaseAccess.addPendingGrant(h, latecomerId, clock.instant().getEpochSecond());
            return null;
        });

        RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);

        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM case_key WHERE officer_id = ? AND case_id = ?",
                latecomerId, first));
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM case_key WHERE officer_id = ? AND case_id = ?",
                latecomerId, second));
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM pending_grant"),
                "the pending grant stayed although only an excluded case is missing");
    }

    @Test
    void pendingGrantWaitsForMissingCases() throws Exception {
        SampleReports.sendBreach(server, TestServer.browser(), "Held by olivia only.");
        server.createOfficer("carol", "carol is another administrator", Role.ADMINISTRATOR);
        server.createOfficer(LATECOMER, LATECOMER_PASSWORD, Role.OFFICER);
        long latecomerId = AccountSteps.officerId(server, LATECOMER);
        long carolOnly = SampleReports.caseId(server, SampleReports.sendBreach(server, TestServer.browser(), "Later case."));
        server.app().database().write(h -> {
            h.createUpdate("DELETE FROM case_key WHERE case_id = ? AND officer_id <> ?")
                    .bind(0, carolOnly).bind(1, AccountSteps.officerId(server, "carol")).execute();
            h.createUpdate("DELETE FROM case_key WHERE officer_id = ?").bind(0, latecomerId).execute();
            CaseAccess.addPendingGrant(h, latecomerId, clock.instant().getEpochSecond());
            return null;
        });

        RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);

        assertEquals(1, AccountSteps.caseKeys(server, LATECOMER));
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM pending_grant"),
                "the pending grant ended although carol's case is missing");

        RawHttp.login(port, "carol", "carol is another administrator");

        assertEquals(2, AccountSteps.caseKeys(server, LATECOMER));
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM pending_grant"));
    }

    @Test
    void grantAndExclusionNameSubject() throws Exception {
        String reference = SampleReports.sendBreach(server, TestServer.browser(), DETAILS);
        long caseId = SampleReports.caseId(server, reference);
        server.createOfficer(LATECOMER, LATECOMER_PASSWORD, Role.OFFICER);
        String admin = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String csrf = AccountSteps.csrf(server, admin);
        String latecomerId = Long.toString(AccountSteps.officerId(server, LATECOMER));

        assertEquals(303, RawHttp.postForm(port, "/cases/" + caseId + "/access/grant", Map.of("Cookie", admin),
                Map.of("csrf", csrf, "officer", latecomerId)).status());
        assertEquals(303, RawHttp.postForm(port, "/cases/" + caseId + "/access/exclude", Map.of("Cookie", admin),
                Map.of("csrf", csrf, "officer", latecomerId, "confirm", "yes")).status());

        assertEquals(java.util.List.of(LATECOMER), AccountSteps.auditSubjects(server, AuditLog.CASE_GRANT));
        assertEquals(java.util.List.of(LATECOMER), AccountSteps.auditSubjects(server, AuditLog.CASE_EXCLUDE));
        assertTrue(new AuditLog(server.app().database(), clock).verify().intact(), "the chain with subjects verifies");
    }

    @Test
    void excludeNeedsConfirmation() throws Exception {
        server.createOfficer(LATECOMER, LATECOMER_PASSWORD, Role.OFFICER);
        long caseId = SampleReports.caseId(server, SampleReports.sendBreach(server, TestServer.browser(), DETAILS));
        String admin = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String casePage = RawHttp.get(port, "/cases/" + caseId, Map.of("Cookie", admin)).text();

        RawHttp.Response refused = RawHttp.postForm(port, "/cases/" + caseId + "/access/exclude", Map.of("Cookie", admin),
                Map.of("csrf", AccountSteps.csrf(server, admin),
                        "officer", Long.toString(AccountSteps.officerId(server, LATECOMER))));

        assertTrue(casePage.contains("name=\"confirm\" value=\"yes\" required"), "the box is not required in the form");
        assertTrue(casePage.contains("I understand that this cannot be undone"), casePage);
        assertEquals(422, refused.status(), refused.text());
        assertTrue(refused.text().contains("Nothing was changed: tick the box"), refused.text());
        assertEquals(1, AccountSteps.caseKeys(server, LATECOMER));
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM case_exclusion"));
        assertEquals(0, AccountSteps.audited(server, AuditLog.CASE_EXCLUDE));
    }

    @Test
    void officerWithoutKeyExcludable() throws Exception {
        String reference = SampleReports.sendBreach(server, TestServer.browser(), DETAILS);
        long caseId = SampleReports.caseId(server, reference);
        server.createOfficer(LATECOMER, LATECOMER_PASSWORD, Role.OFFICER);
        long latecomerId = AccountSteps.officerId(server, LATECOMER);
        assertEquals(0, AccountSteps.caseKeys(server, LATECOMER));

        Officer officer = new Officer(browser, server);
        HtmlPage casePage = officer.openCase(officer.login(), reference);
        HtmlForm exclude = formWithAction(casePage, "/cases/" + caseId + "/access/exclude");
        exclude.getSelectByName("officer").setSelectedAttribute(Long.toString(latecomerId), true);
        exclude.getInputByName("confirm").setChecked(true);
        HtmlPage after = Reporter.submit(exclude, null);

        assertTrue(after.asNormalizedText().contains("The officer was excluded from this case."), after.asNormalizedText());
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM case_exclusion WHERE officer_id = ?", latecomerId));
        String admin = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        RawHttp.Response grant = RawHttp.postForm(port, "/cases/" + caseId + "/access/grant", Map.of("Cookie", admin),
                Map.of("csrf", AccountSteps.csrf(server, admin), "officer", Long.toString(latecomerId)));
        assertEquals(409, grant.status(), "an excluded officer was granted the case");
        assertEquals(0, AccountSteps.caseKeys(server, LATECOMER));
    }

    private static HtmlForm formWithAction(HtmlPage page, String action) {
        return page.getForms().stream()
                .filter(form -> form.getActionAttribute().equals(action))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no form for " + action + " on:\n" + page.asNormalizedText()));
    }
}
