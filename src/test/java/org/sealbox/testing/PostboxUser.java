package org.sealbox.testing;

import java.io.IOException;
import java.nio.file.Path;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;

/** A postbox holder's steps on the public listener, JavaScript off. */
public final class PostboxUser {

    private final WebClient browser;
    private final TestServer server;

    public PostboxUser(WebClient browser, TestServer server) {
        this.browser = browser;
        this.server = server;
    }

    /** Fills the set-up form on the receipt page and returns the page after it. */
    public static HtmlPage setUp(HtmlPage receipt, String pseudonym, String password) throws IOException {
        HtmlForm form = Reporter.formWith(receipt, "password-confirm");
        form.getInputByName("pseudonym").setValue(pseudonym);
        form.getInputByName("password").setValue(password);
        form.getInputByName("password-confirm").setValue(password);
        return Reporter.submit(form, null);
    }

    /** From the landing page: the log-in page, the security question if asked, pseudonym and password. */
    public HtmlPage login(String pseudonym, String password) throws IOException {
        HtmlPage landing = browser.getPage(server.publicUrl("/"));
        HtmlPage login = landing.getAnchorByHref("/postbox").click();
        if (login.getUrl().getPath().equals("/postbox/inbox")) {
            return login;
        }
        return submitLogin(login, pseudonym, password);
    }

    /** Fills and sends a log-in form that is already on screen. */
    public static HtmlPage submitLogin(HtmlPage login, String pseudonym, String password) throws IOException {
        HtmlForm form = Reporter.formWith(login, "pseudonym");
        if (!form.getInputsByName("challenge").isEmpty()) {
            form.getInputByName("challenge").setValue(Reporter.digitsFromWords(login));
        }
        form.getInputByName("pseudonym").setValue(pseudonym);
        form.getInputByName("password").setValue(password);
        return Reporter.submit(form, null);
    }

    /** Types a reply with an optional file into the inbox page and sends it. */
    public static HtmlPage reply(HtmlPage inbox, String text, Path attachment) throws IOException {
        HtmlForm form = Reporter.formWith(inbox, "reply");
        ((HtmlTextArea) inbox.getElementById("reply-input")).setText(text);
        if (attachment != null) {
            ((HtmlFileInput) inbox.getElementById("attachment-input")).setFiles(attachment.toFile());
        }
        return Reporter.submit(form, null);
    }

    /** Presses "Log out". */
    public static HtmlPage logout(HtmlPage inbox) throws IOException {
        for (HtmlForm form : inbox.getForms()) {
            if (form.getActionAttribute().equals("/postbox/logout")) {
                return Reporter.submit(form, null);
            }
        }
        throw new AssertionError("no log-out form");
    }
}
