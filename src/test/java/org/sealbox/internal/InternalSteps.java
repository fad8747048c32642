package org.sealbox.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;

import org.sealbox.testing.Officer;
import org.sealbox.testing.PostboxUser;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

/** The officer's steps in the internal section of the case page, and reports to work on. */
public final class InternalSteps {

    /** Answers that pass the built-in information request form's checks. */
    public static final Map<String, List<String>> REQUEST_ANSWERS = Map.of(
            "right", List.of("access"),
            "contact-name", List.of("Robin Requester"),
            "contact-address", List.of("robin@example.org"),
            "identification", List.of("Customer number 4711"));

    private InternalSteps() {
    }

    /** Opens the case page, logging in first when the browser has no session yet. */
    public static HtmlPage casePage(WebClient browser, TestServer server, String reference) throws IOException {
        HtmlPage cases = browser.getPage(server.adminUrl("/cases"));
        if (!cases.getUrl().getPath().equals("/cases")) {
            new Officer(browser, server).login();
        }
        return browser.getPage(server.adminUrl("/cases/" + SampleReports.caseId(server, reference)));
    }

    public static HtmlPage addNote(HtmlPage casePage, String text) throws IOException {
        HtmlForm form = formTo(casePage, "/notes");
        ((HtmlTextArea) casePage.getElementById("note-input")).setText(text);
        return Reporter.submit(form, null);
    }

    /**
     * Fills and sends the risk form. {@code decision} is "confirm" or "override"; {@code outcome}
     * and {@code reason} may be empty.
     */
    public static HtmlPage assessRisk(HtmlPage casePage, String likelihood, String severity, String decision,
                                      String outcome, String reason) throws IOException {
        HtmlForm form = formTo(casePage, "/risk");
        ((HtmlSelect) casePage.getElementById("likelihood-input")).setSelectedAttribute(likelihood, true);
        ((HtmlSelect) casePage.getElementById("severity-input")).setSelectedAttribute(severity, true);
        ((HtmlInput) casePage.getElementById("decision-" + decision)).setChecked(true);
        ((HtmlSelect) casePage.getElementById("outcome-input")).setSelectedAttribute(outcome, true);
        ((HtmlTextArea) casePage.getElementById("reason-input")).setText(reason);
        return Reporter.submit(form, null);
    }

    public static HtmlPage saveRegisterEntry(HtmlPage casePage, String facts, String effects, String remedial)
            throws IOException {
        HtmlForm form = formTo(casePage, "/register-entry");
        ((HtmlTextArea) casePage.getElementById("facts-input")).setText(facts);
        ((HtmlTextArea) casePage.getElementById("effects-input")).setText(effects);
        ((HtmlTextArea) casePage.getElementById("remedial-input")).setText(remedial);
        return Reporter.submit(form, null);
    }

    /** Returns the form whose action ends with {@code pathEnd}; other parts of the case page have their own forms. */
    public static HtmlForm formTo(HtmlPage page, String pathEnd) {
        for (HtmlForm form : page.getForms()) {
            if (form.getActionAttribute().endsWith(pathEnd)) {
                return form;
            }
        }
        throw new AssertionError("no form posting to *" + pathEnd + " on " + page.getUrl() + ":\n" + page.asXml());
    }

    /** Sends an information request through the public pages and returns its reference number. */
    public static String sendRequest(TestServer server, WebClient browser) throws IOException {
        HtmlPage form = Reporter.chooseKind(new Reporter(browser, server).startReport(), "request");
        Reporter.fill(form, REQUEST_ANSWERS, "Please tell me what you store about me.", null);
        HtmlPage review = Reporter.review(form);
        if (!review.getUrl().getPath().equals("/report/review")) {
            throw new AssertionError("the request form was not accepted:\n" + review.asNormalizedText());
        }
        return Reporter.reference(Reporter.send(review));
    }

    /** Sends a breach report, sets up its postbox and returns the reference number. */
    public static String sendBreachWithPostbox(TestServer server, String details, String pseudonym, String password)
            throws IOException {
        try (WebClient browser = TestServer.browser()) {
            HtmlPage form = Reporter.chooseKind(new Reporter(browser, server).startReport(), "breach");
            Reporter.fill(form, SampleReports.BREACH_ANSWERS, details, null);
            HtmlPage receipt = Reporter.send(Reporter.review(form));
            String reference = Reporter.reference(receipt);
            HtmlPage done = PostboxUser.setUp(receipt, pseudonym, password);
            if (!done.asNormalizedText().contains("Postbox ready")) {
                throw new AssertionError("postbox set-up failed:\n" + done.asNormalizedText());
            }
            return reference;
        }
    }

    /** Counts the rows of table {@code internal_record}. */
    public static int recordCount(TestServer server) {
        return server.app().database().read(h -> h.createQuery("SELECT COUNT(*) FROM internal_record")
                .mapTo(Integer.class).one());
    }

    /** Counts the audit entries with this action. */
    public static int auditCount(TestServer server, String action) {
        return server.app().database().read(h -> h.createQuery("SELECT COUNT(*) FROM audit_entry WHERE action = :action")
                .bind("action", action).mapTo(Integer.class).one());
    }
}
