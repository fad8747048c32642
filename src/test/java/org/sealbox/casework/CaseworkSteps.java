package org.sealbox.casework;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

import org.sealbox.testing.PostboxUser;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

/** Shared steps of the case list and workflow tests: sending reports, finding forms, reading rows. */
final class CaseworkSteps {

    static final String POSTBOX_PASSWORD = "orbit lantern cactus meadow";

    static final Map<String, List<String>> REQUEST_ANSWERS = Map.of(
            "right", List.of("access"),
            "contact-name", List.of("Erika Mustermann"),
            "contact-address", List.of("erika@example.org"),
            "identification", List.of("Customer 4711"));

    private CaseworkSteps() {
    }

    /** Sends a report of {@code kind} ("breach" or "request") and returns its receipt page. */
    static HtmlPage receipt(TestServer server, WebClient browser, String kind) throws IOException {
        HtmlPage form = Reporter.chooseKind(new Reporter(browser, server).startReport(), kind);
        if (kind.equals("breach")) {
            Reporter.fill(form, SampleReports.BREACH_ANSWERS, "Letters went to the wrong addresses.", null);
        } else {
            Reporter.fill(form, REQUEST_ANSWERS, "", null);
        }
        HtmlPage review = Reporter.review(form);
        if (!review.getUrl().getPath().equals("/report/review")) {
            throw new AssertionError("the form was not accepted:\n" + review.asNormalizedText());
        }
        return Reporter.send(review);
    }

    /** Sends a report of {@code kind} without postbox and returns its reference number. */
    static String send(TestServer server, String kind) throws IOException {
        try (WebClient browser = TestServer.browser()) {
            return Reporter.reference(receipt(server, browser, kind));
        }
    }

    /** Sends a report of {@code kind}, sets up a postbox with {@code pseudonym} and returns the reference number. */
    static String sendWithPostbox(TestServer server, String kind, String pseudonym) throws IOException {
        try (WebClient browser = TestServer.browser()) {
            HtmlPage receipt = receipt(server, browser, kind);
            String reference = Reporter.reference(receipt);
            HtmlPage done = PostboxUser.setUp(receipt, pseudonym, POSTBOX_PASSWORD);
            if (!done.asNormalizedText().contains("Postbox ready")) {
                throw new AssertionError("postbox set-up failed:\n" + done.asNormalizedText());
            }
            return reference;
        }
    }

    /** Returns the form of {@code page} whose action is {@code action}. */
    static HtmlForm form(HtmlPage page, String action) {
        for (HtmlForm form : page.getForms()) {
            if (form.getActionAttribute().equals(action)) {
                return form;
            }
        }
        throw new AssertionError("no form with action " + action + " on " + page.getUrl() + ":\n" + page.asNormalizedText());
    }

    /** Presses the first submit button of the workflow form {@code /cases/<id>/<step>}. */
    static HtmlPage submitStep(HtmlPage casePage, long caseId, String step) throws IOException {
        return Reporter.submit(form(casePage, "/cases/" + caseId + "/" + step), null);
    }

    /** Returns the text of the case list row that links to {@code reference}. */
    static String row(HtmlPage list, String reference) {
        return rowElement(list, reference).asNormalizedText();
    }

    /** Returns the {@code tr} of the case list that links to {@code reference}. */
    static HtmlElement rowElement(HtmlPage list, String reference) {
        for (HtmlElement row : list.getBody().getElementsByTagName("tr")) {
            if (row.asNormalizedText().contains(reference)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + reference + " in:\n" + list.asNormalizedText());
    }

    /** Returns the text of the open-deadline rows of a case page. */
    static String openDeadlines(HtmlPage casePage) {
        StringBuilder text = new StringBuilder();
        for (org.htmlunit.html.DomNode row : casePage.querySelectorAll("tr.deadline")) {
            text.append(row.asNormalizedText()).append('\n');
        }
        return text.toString();
    }

    /** Returns the references of the case list's rows, in page order. */
    static List<String> references(HtmlPage list) {
        List<String> references = new ArrayList<>();
        for (HtmlElement row : list.getBody().getElementsByTagName("tr")) {
            for (HtmlElement cell : row.getElementsByTagName("a")) {
                references.add(cell.getTextContent().strip());
                break;
            }
        }
        return references;
    }

    /** Returns the stored workflow columns of a case, for before/after comparisons. */
    static Map<String, Object> workflowRow(TestServer server, long caseId) {
        return server.app().database().read(h -> h.createQuery("""
                        SELECT status, version, assignee_id, aware_at, acknowledged_at, feedback_at, extension_months,
                               extended_at, answered_at, authority_decision, authority_notified_at, closed_at,
                               next_deadline,
                               (SELECT COUNT(*) FROM message m WHERE m.case_id = c.id) AS messages,
                               (SELECT COUNT(*) FROM internal_record r WHERE r.case_id = c.id) AS records
                        FROM report_case c WHERE id = :id""")
                .bind("id", caseId)
                .mapToMap()
                .one());
    }

    static long version(TestServer server, long caseId) {
        return ((Number) workflowRow(server, caseId).get("version")).longValue();
    }
}
