package org.sealbox.officer;

import java.nio.file.Path;
import java.util.Optional;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.crypto.SecretBytes;
import org.sealbox.onion.Base32;
import org.sealbox.testing.Officer;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;
import org.sealbox.totp.Totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first officer is created through the one-time setup link that the console prints while no
 * officer exists. Until then the public portal does not take reports.
 */
class FirstRunSetupTest {

    private static final String ADMIN = "first-admin";
    private static final String PASSWORD = "a long enough first password";
    private static final String INVALID_LINK_TEXT = "This setup link is not valid.";

    @TempDir
    Path dataDir;

    private TestServer server;
    private WebClient browser;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start(dataDir);
        browser = TestServer.browser();
    }

    @AfterEach
    void stopServer() {
        browser.close();
        server.close();
    }

    @Test
    void setupLinkCreatesAdministrator() throws Exception {
        String link = server.app().firstRunLink("127.0.0.1").orElseThrow();

        HtmlPage created = submitSetup(browser.getPage(link), ADMIN, PASSWORD, PASSWORD);

        assertEquals(server.adminUrl("/login?created"), created.getUrl().toString(), created.asNormalizedText());
        assertTrue(created.asNormalizedText().contains("Your account was created."), "the log-in page confirms the set-up");
        assertTrue(server.app().officers().hasOfficers(), "an officer exists");
        HtmlPage cases = new Officer(browser, server).login(ADMIN, PASSWORD);
        assertEquals(server.adminUrl("/cases"), cases.getUrl().toString(), cases.asNormalizedText());
        assertEquals("administrator", role(ADMIN));
    }

    @Test
    void setupLinkPointsToAdminListener() {
        String link = server.app().firstRunLink("127.0.0.1").orElseThrow();

        assertTrue(link.startsWith(server.adminUrl("/setup/")), link);
        assertEquals(Optional.of(link), server.app().firstRunLink("127.0.0.1"));
    }

    @Test
    void setupFormShownForLiveLink() throws Exception {
        HtmlPage form = browser.getPage(server.app().firstRunLink("127.0.0.1").orElseThrow());

        assertEquals(200, form.getWebResponse().getStatusCode());
        assertTrue(form.asNormalizedText().contains("Set up the first officer"), form.asNormalizedText());
        assertFalse(Reporter.formWith(form, "password-confirm").getInputsByName("username").isEmpty());
    }

    @Test
    void mismatchedPasswordsKeepUsername() throws Exception {
        String link = server.app().firstRunLink("127.0.0.1").orElseThrow();

        HtmlPage again = submitSetup(browser.getPage(link), ADMIN, PASSWORD, PASSWORD + "!");

        assertEquals(422, again.getWebResponse().getStatusCode());
        assertTrue(again.asNormalizedText().contains("The two passwords are not the same."), again.asNormalizedText());
        assertEquals(ADMIN, usernameField(again));
        assertFalse(server.app().officers().hasOfficers(), "an officer was created");
    }

    @Test
    void shortPasswordKeepsUsername() throws Exception {
        String link = server.app().firstRunLink("127.0.0.1").orElseThrow();

        HtmlPage again = submitSetup(browser.getPage(link), ADMIN, "too short", "too short");

        assertEquals(422, again.getWebResponse().getStatusCode());
        assertTrue(again.asNormalizedText().contains("The password is too short."), again.asNormalizedText());
        assertEquals(ADMIN, usernameField(again));
        assertFalse(server.app().officers().hasOfficers(), "an officer was created");
    }

    @Test
    void invalidUsernameShownEscaped() throws Exception {
        String link = server.app().firstRunLink("127.0.0.1").orElseThrow();
        String hostile = "<b>x</b>\"'";

        HtmlPage again = submitSetup(browser.getPage(link), hostile, PASSWORD, PASSWORD);

        assertEquals(422, again.getWebResponse().getStatusCode());
        assertTrue(again.asNormalizedText().contains("The username must be 2 to 40 characters"), again.asNormalizedText());
        assertEquals(hostile, usernameField(again));
        assertFalse(again.getWebResponse().getContentAsString().contains("<b>x</b>"), "username echoed unescaped");
    }

    @Test
    void linkWorksAfterRejectedAttempts() throws Exception {
        String link = server.app().firstRunLink("127.0.0.1").orElseThrow();
        submitSetup(browser.getPage(link), ADMIN, PASSWORD, "something else entirely");
        submitSetup(browser.getPage(link), ADMIN, "short", "short");

        HtmlPage form = browser.getPage(link);
        HtmlPage created = submitSetup(form, ADMIN, PASSWORD, PASSWORD);

        assertEquals(200, form.getWebResponse().getStatusCode());
        assertEquals(server.adminUrl("/login?created"), created.getUrl().toString(), created.asNormalizedText());
        assertTrue(created.asNormalizedText().contains("Your account was created."), "the log-in page confirms the set-up");
        assertTrue(server.app().officers().hasOfficers(), "no officer was created");
    }

    @Test
    void usedLinkIsInvalid() throws Exception {
        String link = server.app().firstRunLink("127.0.0.1").orElseThrow();
        HtmlPage form = browser.getPage(link);
        submitSetup(form, ADMIN, PASSWORD, PASSWORD);

        HtmlPage reopened = browser.getPage(link);
        HtmlPage resent = submitSetup(form, "second-admin", PASSWORD, PASSWORD);

        assertEquals(404, reopened.getWebResponse().getStatusCode());
        assertTrue(reopened.asNormalizedText().contains(INVALID_LINK_TEXT), reopened.asNormalizedText());
        assertEquals(404, resent.getWebResponse().getStatusCode());
        assertTrue(resent.asNormalizedText().contains(INVALID_LINK_TEXT), resent.asNormalizedText());
        assertEquals(Optional.empty(), server.app().firstRunLink("127.0.0.1"));
        assertEquals("", role("second-admin"));
    }

    @Test
    void wrongTokenIsInvalid() throws Exception {
        server.app().firstRunLink("127.0.0.1").orElseThrow();

        HtmlPage page = browser.getPage(server.adminUrl("/setup/not-the-token"));

        assertEquals(404, page.getWebResponse().getStatusCode());
        assertTrue(page.asNormalizedText().contains(INVALID_LINK_TEXT), page.asNormalizedText());
        assertTrue(page.getForms().isEmpty(), "a form is shown for a wrong token");
    }

    @Test
    void portalClosedWithoutOfficer() throws Exception {
        HtmlPage closed = browser.getPage(server.publicUrl("/report"));

        assertEquals(503, closed.getWebResponse().getStatusCode());
        assertTrue(closed.asNormalizedText().contains("Not open yet"), closed.asNormalizedText());
    }

    @Test
    void portalOpensAfterSetup() throws Exception {
        String link = server.app().firstRunLink("127.0.0.1").orElseThrow();
        submitSetup(browser.getPage(link), ADMIN, PASSWORD, PASSWORD);

        String reference = SampleReports.sendBreach(server, browser, "First report after setup.");

        assertTrue(reference.matches("[34679ACDEFGHJKMNPQRTUVWXY]{4}(-[34679ACDEFGHJKMNPQRTUVWXY]{4}){3}"), reference);
        HtmlPage cases = new Officer(browser, server).login(ADMIN, PASSWORD);
        assertTrue(cases.asNormalizedText().contains(reference), cases.asNormalizedText());
    }

    /**
     * Fills in the setup form, with the code of the current time step computed from the TOTP key
     * the page shows, and remembers that key for later log-ins.
     */
    private HtmlPage submitSetup(HtmlPage setup, String username, String password, String confirm)
            throws Exception {
        HtmlForm form = Reporter.formWith(setup, "password-confirm");
        form.getInputByName("username").setValue(username);
        form.getInputByName("password").setValue(password);
        form.getInputByName("password-confirm").setValue(confirm);
        String secret = setup.getElementById("totp-secret").asNormalizedText();
        try (SecretBytes key = SecretBytes.wrap(Base32.decode(secret))) {
            form.getInputByName("code").setValue(Totp.code(key, Totp.timeStep(server.clock().instant())));
        }
        server.rememberTotpSecret(username, secret);
        return Reporter.submit(form, null);
    }

    private static String usernameField(HtmlPage page) {
        return Reporter.formWith(page, "password-confirm").getInputByName("username").getValue();
    }

    /** Returns the stored role of an account, or "" when it does not exist. */
    private String role(String username) {
        return server.app().database().read(h -> h.createQuery("SELECT role FROM officer WHERE username = :username")
                .bind("username", username)
                .mapTo(String.class)
                .findOne()
                .orElse(""));
    }
}
