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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password change and deactivation, through the pages. */
class AccountChangesTest {

    private static final String OTHER = "dora";
    private static final String OTHER_PASSWORD = "dora has a long password";
    private static final String NEW_PASSWORD = "a brand new long password";
    private static final String DETAILS = "A case that must stay readable.";

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
        server.createOfficer(OTHER, OTHER_PASSWORD, Role.OFFICER);
        browser = TestServer.browser();
    }

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    @Test
    void passwordChangeKeepsCasesReadable() throws Exception {
        String reference = SampleReports.sendBreach(server, TestServer.browser(), DETAILS);
        Officer officer = new Officer(browser, server);
        officer.login();
        byte[] publicKeyBefore = publicKey(TestServer.OFFICER);

        HtmlPage changed = changePassword(TestServer.OFFICER_PASSWORD, server.totpCode(TestServer.OFFICER),
                NEW_PASSWORD, NEW_PASSWORD);

        assertEquals(server.adminUrl("/account/password?changed"), changed.getUrl().toString(), changed.asNormalizedText());
        assertTrue(changed.asNormalizedText().contains("Your password was changed."), changed.asNormalizedText());
        assertEquals(1, AccountSteps.audited(server, AuditLog.OFFICER_PASSWORD));
        assertTrue(java.util.Arrays.equals(publicKeyBefore, publicKey(TestServer.OFFICER)), "the key pair changed");

        WebClient fresh = TestServer.browser();
        HtmlPage oldPassword = new Officer(fresh, server).login(TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        assertEquals(401, oldPassword.getWebResponse().getStatusCode());
        HtmlPage cases = new Officer(fresh, server).login(TestServer.OFFICER, NEW_PASSWORD);
        assertEquals(server.adminUrl("/cases"), cases.getUrl().toString(), cases.asNormalizedText());
        HtmlPage casePage = new Officer(fresh, server).openCase(cases, reference);
        assertTrue(casePage.asNormalizedText().contains(DETAILS), casePage.asNormalizedText());
    }

    @Test
    void passwordChangeNeedsRightCode() throws Exception {
        new Officer(browser, server).login();
        byte[] wrappedBefore = wrappedKey(TestServer.OFFICER);
        String right = server.totpCode(TestServer.OFFICER);

        HtmlPage page = changePassword(TestServer.OFFICER_PASSWORD, right.equals("123456") ? "654321" : "123456",
                NEW_PASSWORD, NEW_PASSWORD);

        assertEquals(422, page.getWebResponse().getStatusCode());
        assertTrue(page.asNormalizedText().contains("The current password or the code is wrong."), page.asNormalizedText());
        assertTrue(java.util.Arrays.equals(wrappedBefore, wrappedKey(TestServer.OFFICER)), "the wrapped key changed");
    }

    @Test
    void passwordChangeNeedsRightPassword() throws Exception {
        new Officer(browser, server).login();
        byte[] wrappedBefore = wrappedKey(TestServer.OFFICER);

        HtmlPage page = changePassword("not my password at all", server.totpCode(TestServer.OFFICER),
                NEW_PASSWORD, NEW_PASSWORD);

        assertEquals(422, page.getWebResponse().getStatusCode());
        assertTrue(java.util.Arrays.equals(wrappedBefore, wrappedKey(TestServer.OFFICER)), "the wrapped key changed");
    }

    @Test
    void shortNewPasswordRejected() throws Exception {
        new Officer(browser, server).login();

        HtmlPage page = changePassword(TestServer.OFFICER_PASSWORD, server.totpCode(TestServer.OFFICER), "short", "short");

        assertEquals(422, page.getWebResponse().getStatusCode());
        assertTrue(page.asNormalizedText().contains("The password is too short."), page.asNormalizedText());
    }

    @Test
    void deactivationRemovesKeysAndSessions() throws Exception {
        SampleReports.sendBreach(server, TestServer.browser(), DETAILS);
        String otherCookie = RawHttp.login(port, OTHER, OTHER_PASSWORD);
        assertEquals(1, AccountSteps.caseKeys(server, OTHER));
        new Officer(browser, server).login();
        HtmlPage officers = browser.getPage(server.adminUrl("/officers"));

        String action = "/officers/" + AccountSteps.officerId(server, OTHER) + "/deactivate";
        HtmlForm deactivate = officers.getForms().stream()
                .filter(form -> form.getActionAttribute().equals(action))
                .findFirst().orElseThrow();
        deactivate.getInputByName("confirm").setChecked(true);

        HtmlPage after = Reporter.submit(deactivate, null);

        assertEquals(server.adminUrl("/officers"), after.getUrl().toString(), after.asNormalizedText());
        assertTrue(after.asNormalizedText().contains("The officer was deactivated"), after.asNormalizedText());
        assertEquals(0, AccountSteps.caseKeys(server, OTHER));
        assertEquals(1, AccountSteps.count(server,
                "SELECT COUNT(*) FROM officer WHERE username = ? AND active = 0 AND deactivated_at IS NOT NULL", OTHER));
        assertEquals(java.util.List.of(OTHER), AccountSteps.auditSubjects(server, AuditLog.OFFICER_DEACTIVATE));
        assertEquals(java.util.Optional.of("/login"),
                RawHttp.get(port, "/cases", Map.of("Cookie", otherCookie)).header("Location"), "the session still works");
        HtmlPage login = new Officer(TestServer.browser(), server).login(OTHER, OTHER_PASSWORD);
        assertEquals(401, login.getWebResponse().getStatusCode());
    }

    @Test
    void deactivateNeedsConfirmation() throws Exception {
        SampleReports.sendBreach(server, TestServer.browser(), DETAILS);
        long other = AccountSteps.officerId(server, OTHER);
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String officersPage = RawHttp.get(port, "/officers", Map.of("Cookie", cookie)).text();

        RawHttp.Response refused = RawHttp.postForm(port, "/officers/" + other + "/deactivate", Map.of("Cookie", cookie),
                Map.of("csrf", AccountSteps.csrf(server, cookie)));
        RawHttp.Response unticked = RawHttp.postForm(port, "/officers/" + other + "/deactivate", Map.of("Cookie", cookie),
                Map.of("csrf", AccountSteps.csrf(server, cookie), "confirm", "no"));

        assertTrue(officersPage.contains("id=\"deactivate-confirm-" + other + "\" name=\"confirm\" value=\"yes\" required"),
                officersPage);
        assertEquals(422, refused.status(), refused.text());
        assertTrue(refused.text().contains("Nothing was changed: tick the box"), refused.text());
        assertEquals(422, unticked.status(), unticked.text());
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM officer WHERE id = ? AND active = 1", other));
        assertEquals(1, AccountSteps.caseKeys(server, OTHER));
        assertEquals(0, AccountSteps.audited(server, AuditLog.OFFICER_DEACTIVATE));
    }

    @Test
    void noDeactivateButtonForSelf() throws Exception {
        new Officer(browser, server).login();
        HtmlPage officers = browser.getPage(server.adminUrl("/officers"));
        long self = AccountSteps.officerId(server, TestServer.OFFICER);

        boolean selfForm = officers.getForms().stream()
                .anyMatch(form -> form.getActionAttribute().equals("/officers/" + self + "/deactivate"));
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        RawHttp.Response refused = RawHttp.postForm(port, "/officers/" + self + "/deactivate", Map.of("Cookie", cookie),
                Map.of("csrf", AccountSteps.csrf(server, cookie), "confirm", "yes"));

        assertFalse(selfForm, "a form to deactivate oneself is shown");
        assertEquals(409, refused.status());
        assertTrue(refused.text().contains("You cannot deactivate your own account."), refused.text());
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM officer WHERE id = ? AND active = 1", self));
    }

    @Test
    void officerCannotDeactivate() throws Exception {
        String cookie = RawHttp.login(port, OTHER, OTHER_PASSWORD);
        long admin = AccountSteps.officerId(server, TestServer.OFFICER);

        RawHttp.Response refused = RawHttp.postForm(port, "/officers/" + admin + "/deactivate", Map.of("Cookie", cookie),
                Map.of("csrf", AccountSteps.csrf(server, cookie), "confirm", "yes"));
        RawHttp.Response invite = RawHttp.postForm(port, "/officers/invite", Map.of("Cookie", cookie),
                Map.of("csrf", AccountSteps.csrf(server, cookie), "username", "mallory", "role", "administrator"));

        assertEquals(403, refused.status());
        assertEquals(403, invite.status());
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM officer WHERE id = ? AND active = 1", admin));
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM officer_invitation"));
    }

    @Test
    void officersLinkOnlyForAdministrators() throws Exception {
        new Officer(browser, server).login();
        WebClient otherBrowser = TestServer.browser();
        new Officer(otherBrowser, server).login(OTHER, OTHER_PASSWORD);

        HtmlPage adminPage = browser.getPage(server.adminUrl("/account/password"));
        HtmlPage officerPage = otherBrowser.getPage(server.adminUrl("/account/password"));

        assertNotNull(adminPage.getAnchorByHref("/officers"));
        assertTrue(officerPage.getAnchors().stream().noneMatch(anchor -> anchor.getHrefAttribute().equals("/officers")));
        assertNotNull(officerPage.getAnchorByHref("/account/password"));
    }

    private HtmlPage changePassword(String current, String code, String password, String confirm) throws Exception {
        HtmlPage page = browser.getPage(server.adminUrl("/account/password"));
        HtmlForm form = Reporter.formWith(page, "current-password");
        form.getInputByName("current-password").setValue(current);
        form.getInputByName("code").setValue(code);
        form.getInputByName("password").setValue(password);
        form.getInputByName("password-confirm").setValue(confirm);
        return Reporter.submit(form, null);
    }

    private byte[] publicKey(String username) {
        return server.app().database().read(h -> h.createQuery("SELECT public_key FROM officer WHERE username = :u")
                .bind("u", username).mapTo(byte[].class).one());
    }

    private byte[] wrappedKey(String username) {
        return server.app().database().read(h -> h.createQuery("SELECT wrapped_private_key FROM officer WHERE username = :u")
                .bind("u", username).mapTo(byte[].class).one());
    }
}
