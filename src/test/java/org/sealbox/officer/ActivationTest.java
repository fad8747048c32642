package org.sealbox.officer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.audit.AuditLog;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.onion.Base32;
import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Officer;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;
import org.sealbox.totp.Totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The way from the administrator's activation link through TOTP enrolment to log-in, older cases
 * arriving through a pending grant, and a reply. Also every way an activation link stops working.
 */
class ActivationTest {

    private static final String NEWCOMER = "bob";
    private static final String PASSWORD = "bob chooses a long password";
    private static final String OLD_DETAILS = "Sent before bob was invited.";
    private static final String INVALID = "This activation link is not valid.";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private TestServer server;
    private WebClient adminBrowser;
    private WebClient newcomerBrowser;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
        adminBrowser = TestServer.browser();
        newcomerBrowser = TestServer.browser();
        new Officer(adminBrowser, server).login();
    }

    @AfterEach
    void stop() {
        adminBrowser.close();
        newcomerBrowser.close();
        server.close();
    }

    @Test
    void activationToReplyEndToEnd() throws Exception {
        String reference = SampleReports.sendBreach(server, TestServer.browser(), OLD_DETAILS);
        String link = AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer");
        assertTrue(link.startsWith(server.adminUrl("/activate/")), link);

        HtmlPage activation = newcomerBrowser.getPage(link);
        assertEquals(200, activation.getWebResponse().getStatusCode());
        assertTrue(activation.asNormalizedText().contains("bob (Officer)"), activation.asNormalizedText());
        String secret = AccountSteps.secretText(activation);
        assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
        HtmlPage activated = AccountSteps.activate(activation, PASSWORD, PASSWORD, AccountSteps.code(server, secret));
        assertEquals(server.adminUrl("/login?activated"), activated.getUrl().toString(), activated.asNormalizedText());
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM pending_grant"));
        assertEquals(1, AccountSteps.audited(server, AuditLog.OFFICER_ACTIVATE));
        assertEquals(java.util.List.of(NEWCOMER), AccountSteps.auditSubjects(server, AuditLog.OFFICER_ACTIVATE));
        assertEquals(java.util.List.of(NEWCOMER), AccountSteps.auditSubjects(server, AuditLog.OFFICER_INVITE));
        server.rememberTotpSecret(NEWCOMER, secret);

        HtmlPage before = new Officer(newcomerBrowser, server).login(NEWCOMER, PASSWORD);
        assertEquals(server.adminUrl("/cases"), before.getUrl().toString(), before.asNormalizedText());
        assertFalse(before.asNormalizedText().contains(reference), "an older case is listed before any grant");

        new Officer(TestServer.browser(), server).login();
        assertEquals(1, AccountSteps.caseKeys(server, NEWCOMER), "the holder's log-in did not seal the case");
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM pending_grant"));
        assertEquals(java.util.List.of(NEWCOMER), AccountSteps.auditSubjects(server, AuditLog.CASE_GRANT));

        Officer newcomer = new Officer(newcomerBrowser, server);
        HtmlPage cases = newcomerBrowser.getPage(server.adminUrl("/cases"));
        HtmlPage casePage = newcomer.openCase(cases, reference);
        assertTrue(casePage.asNormalizedText().contains(OLD_DETAILS), casePage.asNormalizedText());
        HtmlPage replied = Officer.reply(casePage, "Thank you, bob here. We are looking into it.");
        assertTrue(replied.asNormalizedText().contains("Your message was stored in the reporter's postbox."),
                replied.asNormalizedText());
        assertTrue(replied.asNormalizedText().contains("bob here"), replied.asNormalizedText());

        HtmlPage closed = null;
        for (org.htmlunit.html.HtmlForm form : replied.getForms()) {
            if (form.getActionAttribute().endsWith("/close")) {
                closed = org.sealbox.testing.Reporter.submit(form, null);
            }
        }
        assertTrue(closed != null, "the case page offers to close the case");
        assertEquals(200, closed.getWebResponse().getStatusCode(), closed.asNormalizedText());
        assertEquals("closed", server.app().database().read(h -> h.createQuery(
                "SELECT status FROM report_case WHERE reference = :r").bind("r", reference).mapTo(String.class).one()));
    }

    /**
     * An administrator who logged in before the newcomer was activated excludes the newcomer from
     * one older case. The holder's next log-in then seals only the other older case to them.
     */
    @Test
    void exclusionBeforePendingGrant() throws Exception {
        String concerning = SampleReports.sendBreach(server, TestServer.browser(), "This report concerns bob.");
        String other = SampleReports.sendBreach(server, TestServer.browser(), OLD_DETAILS);
        long concerningId = SampleReports.caseId(server, concerning);
        long otherId = SampleReports.caseId(server, other);
        activateNewcomer();
        long newcomerId = AccountSteps.officerId(server, NEWCOMER);
        assertEquals(0, AccountSteps.caseKeys(server, NEWCOMER));

        HtmlPage casePage = adminBrowser.getPage(server.adminUrl("/cases/" + concerningId));
        HtmlForm exclude = casePage.getForms().stream()
                .filter(form -> form.getActionAttribute().equals("/cases/" + concerningId + "/access/exclude"))
                .findFirst().orElseThrow(() -> new AssertionError(casePage.asNormalizedText()));
        exclude.getSelectByName("officer").setSelectedAttribute(Long.toString(newcomerId), true);
        exclude.getInputByName("confirm").setChecked(true);
        HtmlPage excluded = Reporter.submit(exclude, null);
        assertTrue(excluded.asNormalizedText().contains("The officer was excluded from this case."),
                excluded.asNormalizedText());
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM pending_grant"), "the grant ran early");

        HtmlPage holderList = new Officer(TestServer.browser(), server).login();

        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM case_key WHERE officer_id = ? AND case_id = ?",
                newcomerId, concerningId));
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM case_key WHERE officer_id = ? AND case_id = ?",
                newcomerId, otherId));
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM pending_grant"));
        assertTrue(holderList.asNormalizedText().contains("1 older case was opened to newly activated officers: bob."
                + " Exclude an officer on a case page if a case concerns them."), holderList.asNormalizedText());
        assertEquals(java.util.List.of(NEWCOMER), AccountSteps.auditSubjects(server, AuditLog.CASE_EXCLUDE));
    }

    @Test
    void grantNoticeShownOnce() throws Exception {
        SampleReports.sendBreach(server, TestServer.browser(), OLD_DETAILS);
        SampleReports.sendBreach(server, TestServer.browser(), "A second older report.");
        activateNewcomer();
        WebClient holder = TestServer.browser();

        HtmlPage first = new Officer(holder, server).login();
        HtmlPage reloaded = holder.getPage(server.adminUrl("/cases"));
        HtmlPage nextLogin = new Officer(TestServer.browser(), server).login();

        assertTrue(first.asNormalizedText().contains("2 older cases were opened to newly activated officers: bob."),
                first.asNormalizedText());
        assertFalse(reloaded.asNormalizedText().contains("older cases were opened"), reloaded.asNormalizedText());
        assertFalse(nextLogin.asNormalizedText().contains("were opened"), "a log-in without grants shows the notice");
    }

    @Test
    void withdrawnLinkNotValid() throws Exception {
        String link = AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer");
        HtmlPage activation = newcomerBrowser.getPage(link);
        HtmlPage officers = adminBrowser.getPage(server.adminUrl("/officers"));
        HtmlForm withdraw = officers.getForms().stream()
                .filter(form -> form.getActionAttribute().endsWith("/withdraw"))
                .findFirst().orElseThrow(() -> new AssertionError(officers.asNormalizedText()));

        HtmlPage after = Reporter.submit(withdraw, null);
        HtmlPage reopened = TestServer.browser().getPage(link);
        HtmlPage sent = AccountSteps.activate(activation, PASSWORD, PASSWORD,
                AccountSteps.code(server, AccountSteps.secretText(activation)));

        assertTrue(after.asNormalizedText().contains("The invitation was withdrawn."), after.asNormalizedText());
        assertFalse(after.asNormalizedText().contains("Invitation for bob"), after.asNormalizedText());
        assertEquals(404, reopened.getWebResponse().getStatusCode());
        assertTrue(reopened.asNormalizedText().contains(INVALID), reopened.asNormalizedText());
        assertEquals(404, sent.getWebResponse().getStatusCode());
        assertTrue(sent.asNormalizedText().contains(INVALID), sent.asNormalizedText());
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM officer WHERE username = ?", NEWCOMER));
        assertEquals(java.util.List.of(NEWCOMER), AccountSteps.auditSubjects(server, AuditLog.OFFICER_INVITE_WITHDRAWN));

        String again = AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer");
        assertEquals(200, TestServer.browser().getPage(again).getWebResponse().getStatusCode(), "the name is not free");
    }

    @Test
    void officerCannotWithdraw() throws Exception {
        AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer");
        long invitation = AccountSteps.count(server, "SELECT id FROM officer_invitation");
        server.createOfficer("dora", "dora has a long password", Role.OFFICER);
        int port = server.app().adminPort();
        String cookie = RawHttp.login(port, "dora", "dora has a long password");

        RawHttp.Response refused = RawHttp.postForm(port, "/officers/invitations/" + invitation + "/withdraw",
                Map.of("Cookie", cookie), Map.of("csrf", AccountSteps.csrf(server, cookie)));

        assertEquals(403, refused.status());
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM officer_invitation"));
    }

    /** Invites and activates the newcomer through the pages and keeps their TOTP secret for log-ins. */
    private void activateNewcomer() throws Exception {
        HtmlPage activation = newcomerBrowser.getPage(AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer"));
        String secret = AccountSteps.secretText(activation);
        HtmlPage activated = AccountSteps.activate(activation, PASSWORD, PASSWORD, AccountSteps.code(server, secret));
        assertEquals(server.adminUrl("/login?activated"), activated.getUrl().toString(), activated.asNormalizedText());
        server.rememberTotpSecret(NEWCOMER, secret);
    }

    @Test
    void wrongCodeKeepsSecret() throws Exception {
        HtmlPage activation = newcomerBrowser.getPage(AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer"));
        String secret = AccountSteps.secretText(activation);
        String wrong = AccountSteps.code(server, secret).equals("000000") ? "111111" : "000000";

        HtmlPage again = AccountSteps.activate(activation, PASSWORD, PASSWORD, wrong);

        assertEquals(422, again.getWebResponse().getStatusCode());
        assertTrue(again.asNormalizedText().contains("The code does not match."), again.asNormalizedText());
        assertTrue(again.asNormalizedText().contains("type the password in both fields again"), again.asNormalizedText());
        assertEquals(secret, AccountSteps.secretText(again));
        assertEquals("", Reporter.formWith(again, "password-confirm").getInputByName("password").getValue());
        assertFalse(again.getWebResponse().getContentAsString().contains(PASSWORD), "the password is echoed");
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM officer WHERE username = ?", NEWCOMER));

        HtmlPage activated = AccountSteps.activate(again, PASSWORD, PASSWORD, AccountSteps.code(server, secret));
        assertEquals(server.adminUrl("/login?activated"), activated.getUrl().toString(), activated.asNormalizedText());
    }

    @Test
    void mismatchedPasswordsRejected() throws Exception {
        HtmlPage activation = newcomerBrowser.getPage(AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer"));
        String secret = AccountSteps.secretText(activation);

        HtmlPage again = AccountSteps.activate(activation, PASSWORD, PASSWORD + "!", AccountSteps.code(server, secret));

        assertEquals(422, again.getWebResponse().getStatusCode());
        assertTrue(again.asNormalizedText().contains("The two passwords are not the same."), again.asNormalizedText());
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM officer WHERE username = ?", NEWCOMER));
    }

    @Test
    void expiredLinkNotValid() throws Exception {
        String link = AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer");
        HtmlPage activation = newcomerBrowser.getPage(link);
        clock.advance(Duration.ofHours(73));

        HtmlPage reopened = newcomerBrowser.getPage(link);
        HtmlPage sent = AccountSteps.activate(activation, PASSWORD, PASSWORD,
                AccountSteps.code(server, AccountSteps.secretText(activation)));

        assertEquals(404, reopened.getWebResponse().getStatusCode());
        assertTrue(reopened.asNormalizedText().contains(INVALID), reopened.asNormalizedText());
        assertTrue(reopened.getForms().isEmpty(), "a form is shown for an expired link");
        assertEquals(404, sent.getWebResponse().getStatusCode());
        assertTrue(sent.asNormalizedText().contains(INVALID), sent.asNormalizedText());
        assertEquals(0, AccountSteps.count(server, "SELECT COUNT(*) FROM officer WHERE username = ?", NEWCOMER));
    }

    @Test
    void linkValidJustBeforeExpiry() throws Exception {
        String link = AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer");
        clock.advance(Duration.ofHours(71));

        HtmlPage activation = newcomerBrowser.getPage(link);

        assertEquals(200, activation.getWebResponse().getStatusCode());
    }

    @Test
    void usedLinkNotValid() throws Exception {
        String link = AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer");
        HtmlPage activation = newcomerBrowser.getPage(link);
        String secret = AccountSteps.secretText(activation);
        AccountSteps.activate(activation, PASSWORD, PASSWORD, AccountSteps.code(server, secret));

        HtmlPage reopened = TestServer.browser().getPage(link);
        HtmlPage resent = AccountSteps.activate(activation, "another long password", "another long password",
                AccountSteps.code(server, secret));

        assertEquals(404, reopened.getWebResponse().getStatusCode());
        assertTrue(reopened.asNormalizedText().contains(INVALID), reopened.asNormalizedText());
        assertEquals(404, resent.getWebResponse().getStatusCode());
        assertTrue(resent.asNormalizedText().contains(INVALID), resent.asNormalizedText());
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM officer WHERE username = ?", NEWCOMER));
    }

    @Test
    void unknownTokenNotValid() throws Exception {
        HtmlPage page = newcomerBrowser.getPage(server.adminUrl("/activate/not-a-real-token"));

        assertEquals(404, page.getWebResponse().getStatusCode());
        assertTrue(page.asNormalizedText().contains(INVALID), page.asNormalizedText());
    }

    @Test
    void tokenStoredOnlyAsHash() throws Exception {
        String link = AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer");
        String token = link.substring(link.lastIndexOf('/') + 1);

        byte[] stored = server.app().database().read(h -> h.createQuery("SELECT token_hash FROM officer_invitation")
                .mapTo(byte[].class).one());

        assertEquals(43, token.length(), "256 bits in unpadded base64url");
        assertEquals(32, stored.length);
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII))), java.util.HexFormat.of().formatHex(stored));
    }

    @Test
    void qrCodeDecodesToUri() throws Exception {
        HtmlPage activation = newcomerBrowser.getPage(AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer"));
        String secret = AccountSteps.secretText(activation);

        Page png = newcomerBrowser.getPage(server.adminUrl("/enrol/qr.png"));

        assertEquals(200, png.getWebResponse().getStatusCode());
        assertEquals("image/png", png.getWebResponse().getContentType());
        assertEquals("no-store", png.getWebResponse().getResponseHeaderValue("Cache-Control"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.getWebResponse().getContentAsStream().readAllBytes()));
        assertNotNull(image, "not a PNG");
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
        try (SecretBytes key = SecretBytes.wrap(Base32.decode(secret))) {
            assertEquals(Totp.provisioningUri("Acme Test GmbH", NEWCOMER, key), decoded);
        }
    }

    @Test
    void qrCodeNeedsEnrolment() throws Exception {
        RawHttp.Response response = RawHttp.get(server.app().adminPort(), "/enrol/qr.png");

        assertEquals(404, response.status());
    }

    @Test
    void activatedOfficerIsOfficer() throws Exception {
        HtmlPage activation = newcomerBrowser.getPage(AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer"));
        String secret = AccountSteps.secretText(activation);
        AccountSteps.activate(activation, PASSWORD, PASSWORD, AccountSteps.code(server, secret));
        server.rememberTotpSecret(NEWCOMER, secret);

        new Officer(newcomerBrowser, server).login(NEWCOMER, PASSWORD);
        HtmlPage officers = newcomerBrowser.getPage(server.adminUrl("/officers"));

        assertEquals(403, officers.getWebResponse().getStatusCode());
        assertTrue(officers.asNormalizedText().contains("Only administrators can manage officers."),
                officers.asNormalizedText());
        assertEquals("officer", server.app().database().read(h -> h.createQuery("SELECT role FROM officer WHERE username = 'bob'")
                .mapTo(String.class).one()));
    }

    @Test
    void takenUsernameNotInvited() throws Exception {
        AccountSteps.invite(adminBrowser, server, NEWCOMER, "officer");
        HtmlPage officers = adminBrowser.getPage(server.adminUrl("/officers"));
        var form = Reporter.formWith(officers, "username");
        form.getInputByName("username").setValue(TestServer.OFFICER);

        HtmlPage again = Reporter.submit(form, null);
        var secondForm = Reporter.formWith(adminBrowser.<HtmlPage>getPage(server.adminUrl("/officers")), "username");
        secondForm.getInputByName("username").setValue(NEWCOMER);
        HtmlPage twice = Reporter.submit(secondForm, null);

        assertEquals(422, again.getWebResponse().getStatusCode());
        assertTrue(again.asNormalizedText().contains("This username is taken."), again.asNormalizedText());
        assertEquals(422, twice.getWebResponse().getStatusCode());
        assertEquals(1, AccountSteps.count(server, "SELECT COUNT(*) FROM officer_invitation"));
    }
}
