package org.sealbox.postbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.PostboxUser;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sealbox.postbox.PostboxSteps.STRONG_PASSWORD;

/**
 * The postbox set-up form on the receipt page: its warnings, the fields it contains, its password
 * fields, and each rejected input, which brings the form back with the pseudonym kept and a
 * set-up that still works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostboxSetupTest {

    @TempDir
    static java.nio.file.Path dataDir;

    private TestServer server;
    private WebClient browser;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
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
    void setupWarnsAndAsksNoPersonalData() throws Exception {
        HtmlPage receipt = newReceipt();
        String text = receipt.asNormalizedText();

        assertTrue(text.contains("Nobody can recover a forgotten pseudonym or password"),
                "warns that pseudonym and password cannot be recovered");
        assertTrue(text.contains("Do not use a name, nickname or user name that you use anywhere else"),
                "advises a pseudonym used nowhere else");
        assertTrue(text.contains("Nothing else is asked"), "says that nothing else is asked");
        HtmlForm form = Reporter.formWith(receipt, "password-confirm");
        assertEquals(Set.of("csrf", "pseudonym", "password", "password-confirm"), fieldNames(form),
                "the form asks only for pseudonym and password");
        assertEquals("hidden", form.getInputByName("csrf").getTypeAttribute(), "the CSRF field is hidden");
    }

    @Test
    void setupPasswordsAllowPaste() throws Exception {
        HtmlPage receipt = newReceipt();
        HtmlForm form = Reporter.formWith(receipt, "password-confirm");

        assertEquals("new-password", form.getInputByName("password").getAttribute("autocomplete"));
        assertEquals("new-password", form.getInputByName("password-confirm").getAttribute("autocomplete"));
        assertEquals("username", form.getInputByName("pseudonym").getAttribute("autocomplete"));
        assertEquals(List.of(), pasteBlockers(form), "nothing blocks typing help or paste on the receipt page");

        HtmlPage rejected = setUpWith(receipt, "ab", STRONG_PASSWORD, STRONG_PASSWORD);
        HtmlForm again = Reporter.formWith(rejected, "password-confirm");
        assertEquals("new-password", again.getInputByName("password").getAttribute("autocomplete"));
        assertEquals("new-password", again.getInputByName("password-confirm").getAttribute("autocomplete"));
        assertEquals(List.of(), pasteBlockers(again), "nothing blocks typing help or paste on the error page");
    }

    @Test
    void loginPasswordAllowsPaste() throws Exception {
        HtmlPage login = browser.getPage(server.publicUrl("/postbox"));
        HtmlForm form = Reporter.formWith(login, "pseudonym");

        assertEquals("current-password", form.getInputByName("password").getAttribute("autocomplete"));
        assertEquals("username", form.getInputByName("pseudonym").getAttribute("autocomplete"));
        assertEquals(List.of(), pasteBlockers(form), "nothing blocks typing help or paste on the log-in page");
    }

    @Test
    void shortPseudonymShowsForm() throws Exception {
        HtmlPage page = setUpWith(newReceipt(), "ab", STRONG_PASSWORD, STRONG_PASSWORD);

        assertRejected(page, "ab", "The pseudonym must be 3 to 64 characters long.");
        assertTrue(isInvalid(page, "pseudonym"), "the pseudonym field is marked invalid");
        assertSetUpWorks(page, "short then longer");
    }

    @Test
    void zeroWidthPseudonymRejected() throws Exception {
        String typed = "blue\u200Bheron";
        HtmlPage page = setUpWith(newReceipt(), typed, STRONG_PASSWORD, STRONG_PASSWORD);

        assertRejected(page, typed, "The pseudonym contains invisible, control or text-direction characters.");
        assertTrue(isInvalid(page, "pseudonym"), "the pseudonym field is marked invalid");
        assertSetUpWorks(page, "blue heron visible");
    }

    @Test
    void lookAlikePseudonymTaken() throws Exception {
        PostboxSteps.reportWithPostbox(server, "First report.", null, "alice", STRONG_PASSWORD);
        String fullWidth = "\uFF21\uFF2C\uFF29\uFF23\uFF25";

        HtmlPage page = setUpWith(newReceipt(), fullWidth, STRONG_PASSWORD, STRONG_PASSWORD);

        assertRejected(page, fullWidth, "This pseudonym is taken. Please choose another one.");
        assertTrue(isInvalid(page, "pseudonym"), "the pseudonym field is marked invalid");
        assertSetUpWorks(page, "alice the second");
    }

    @Test
    void weakPasswordShowsHints() throws Exception {
        String weak = "password1234";
        HtmlPage page = setUpWith(newReceipt(), "weak password owner", weak, weak);

        assertRejected(page, "weak password owner", "This password would be easy to guess.");
        assertTrue(isInvalid(page, "password"), "the password field is marked invalid");
        List<String> hints = new ArrayList<>();
        for (DomNode hint : page.querySelectorAll("#setup-password .hint:not([id])")) {
            hints.add(hint.getTextContent().strip());
        }
        assertFalse(hints.isEmpty(), "zxcvbn's warning or suggestions are shown");
        assertTrue(hints.stream().noneMatch(String::isEmpty), "no empty hint: " + hints);
        assertFalse(page.getWebResponse().getContentAsString().contains(weak), "the password is not sent back");
        assertSetUpWorks(page, "weak password owner");
    }

    @Test
    void mismatchedPasswordsRejected() throws Exception {
        HtmlPage page = setUpWith(newReceipt(), "two different", STRONG_PASSWORD, STRONG_PASSWORD + " typo");

        assertRejected(page, "two different", "The two passwords are not the same.");
        assertTrue(isInvalid(page, "password"), "the password field is marked invalid");
        assertSetUpWorks(page, "two different");
    }

    private HtmlPage newReceipt() throws Exception {
        return PostboxSteps.receipt(server, browser, "A laptop with payroll data was left on a train.", null);
    }

    private static HtmlPage setUpWith(HtmlPage page, String pseudonym, String password, String confirm)
            throws Exception {
        HtmlForm form = Reporter.formWith(page, "password-confirm");
        form.getInputByName("pseudonym").setValue(pseudonym);
        form.getInputByName("password").setValue(password);
        form.getInputByName("password-confirm").setValue(confirm);
        return Reporter.submit(form, null);
    }

    private static void assertRejected(HtmlPage page, String typedPseudonym, String message) {
        assertEquals(422, page.getWebResponse().getStatusCode(), "status of the rejected set-up");
        String summary = page.querySelector(".error-summary").getTextContent();
        assertTrue(summary.contains(message), "error summary names the problem: " + summary);
        HtmlForm form = Reporter.formWith(page, "password-confirm");
        assertEquals(typedPseudonym, form.getInputByName("pseudonym").getValue(), "the pseudonym is kept");
        assertEquals("", form.getInputByName("password").getValue(), "the password field is empty again");
    }

    private static void assertSetUpWorks(HtmlPage rejected, String pseudonym) throws Exception {
        HtmlPage done = PostboxUser.setUp(rejected, pseudonym, STRONG_PASSWORD);
        assertEquals(200, done.getWebResponse().getStatusCode(), "status of the corrected set-up");
        assertTrue(done.asNormalizedText().contains("Postbox ready"), done.asNormalizedText());
    }

    private static boolean isInvalid(HtmlPage page, String inputId) {
        return "true".equals(page.getElementById(inputId).getAttribute("aria-invalid"));
    }

    private static Set<String> fieldNames(HtmlForm form) {
        Set<String> names = new TreeSet<>();
        for (HtmlElement element : form.getHtmlElementDescendants()) {
            if (element instanceof HtmlInput || element instanceof HtmlTextArea || element instanceof HtmlSelect) {
                names.add(element.getAttribute("name"));
            }
        }
        return names;
    }

    /** Attributes of the form's inputs that could stop pasting or a password manager (WCAG 2.2 SC 3.3.8). */
    private static List<String> pasteBlockers(HtmlForm form) {
        List<String> found = new ArrayList<>();
        for (HtmlElement element : form.getHtmlElementDescendants()) {
            if (!(element instanceof HtmlInput)) {
                continue;
            }
            for (String attribute : ((DomElement) element).getAttributesMap().keySet()) {
                if (attribute.startsWith("on") || attribute.equals("readonly") || attribute.equals("disabled")) {
                    found.add(element.getAttribute("name") + "[" + attribute + "]");
                }
            }
            if ("off".equals(element.getAttribute("autocomplete")) && "password".equals(element.getAttribute("type"))) {
                found.add(element.getAttribute("name") + "[autocomplete=off]");
            }
        }
        return found;
    }
}
