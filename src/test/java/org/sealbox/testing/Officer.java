package org.sealbox.testing;

import java.io.IOException;

import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

/** The officer's steps on the admin listener. */
public final class Officer {

    private final WebClient browser;
    private final TestServer server;

    public Officer(WebClient browser, TestServer server) {
        this.browser = browser;
        this.server = server;
    }

    /**
     * Logs in with a fresh TOTP code from the secret the test server keeps for {@code username} (see
     * {@link TestServer#totpCode}) and returns the page after it (the case list on success).
     */
    public HtmlPage login(String username, String password) throws IOException {
        HtmlPage login = browser.getPage(server.adminUrl("/login"));
        HtmlForm form = Reporter.formWith(login, "username");
        form.getInputByName("username").setValue(username);
        form.getInputByName("password").setValue(password);
        form.getInputByName("code").setValue(server.totpCode(username));
        return Reporter.submit(form, null);
    }

    public HtmlPage login() throws IOException {
        return login(TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
    }

    /** Opens the case with this reference from the case list. */
    public HtmlPage openCase(HtmlPage caseList, String reference) throws IOException {
        return caseList.getAnchorByText(reference).click();
    }

    /** Writes a message to the reporter on the case page and returns the page after it. */
    public static HtmlPage reply(HtmlPage casePage, String text) throws IOException {
        HtmlForm form = Reporter.formWith(casePage, "reply");
        ((org.htmlunit.html.HtmlTextArea) casePage.getElementById("reply-input")).setText(text);
        return Reporter.submit(form, null);
    }

    /** Downloads the attachment whose link text names {@code fileName}. */
    public Page download(HtmlPage casePage, String fileName) throws IOException {
        return casePage.getAnchorByText("Download: " + fileName).click();
    }
}
