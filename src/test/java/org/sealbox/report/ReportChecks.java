package org.sealbox.report;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.htmlunit.StringWebResponse;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;

import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared steps and checks of the bad-input and session tests: filled-in answers, the error
 * summary, rows in the database and draft files on disk.
 */
final class ReportChecks {

    /** A complete breach form: option ids per question id. */
    static final Map<String, List<String>> BREACH_ANSWERS = Map.of(
            "breach-type", List.of("disclosure", "loss"),
            "occurred", List.of("last-week"),
            "noticed", List.of("last-24h"),
            "data-categories", List.of("employee", "financial"),
            "people-affected", List.of("up-to-100"),
            "ongoing", List.of("no"),
            "source", List.of("observed"),
            "relation", List.of("undisclosed"));

    static final String BREACH_DETAILS = "A spreadsheet with salaries was mailed to all staff.\nSecond line, ümlaut, 日本語.";

    private ReportChecks() {
    }

    /** Starts a report in {@code browser} and returns the empty form of {@code kind}. */
    static HtmlPage openForm(TestServer server, WebClient browser, String kind) throws IOException {
        HtmlPage kindPage = new Reporter(browser, server).startReport();
        return Reporter.chooseKind(kindPage, kind);
    }

    /** Fills the breach form completely, with {@code attachment} (may be null), and returns its review page. */
    static HtmlPage reviewBreach(TestServer server, WebClient browser, Path attachment) throws IOException {
        HtmlPage form = openForm(server, browser, "breach");
        Reporter.fill(form, BREACH_ANSWERS, BREACH_DETAILS, attachment);
        HtmlPage review = Reporter.review(form);
        assertEquals("/report/review", review.getUrl().getPath(), review.asNormalizedText());
        return review;
    }

    static int caseCount(TestServer server) {
        return count(server, "SELECT COUNT(*) FROM report_case");
    }

    static int attachmentCount(TestServer server) {
        return count(server, "SELECT COUNT(*) FROM attachment");
    }

    private static int count(TestServer server, String sql) {
        return server.app().database().read(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    /** Lists the encrypted draft attachment files in the data directory, finished or partial. */
    static List<Path> draftFiles(TestServer server) throws IOException {
        try (var files = Files.list(server.dataDir().resolve("drafts"))) {
            return files.toList();
        }
    }

    /** Asserts that the page is a rendered page of the portal, not a server error or a trace. */
    static void assertNoServerError(HtmlPage page) {
        int status = page.getWebResponse().getStatusCode();
        assertTrue(status < 500, "status " + status + " of " + page.getUrl());
        String html = page.getWebResponse().getContentAsString();
        assertFalse(html.contains("Exception"), "exception name in the page");
        assertFalse(html.contains("\tat "), "stack frame in the page");
        assertFalse(html.contains("Something went wrong"), "generic error page");
    }

    /** Returns the items of the error summary at the top of the page, as text. */
    static List<String> errorSummary(HtmlPage page) {
        List<String> items = new ArrayList<>();
        for (DomNode item : page.querySelectorAll(".error-summary li")) {
            items.add(item.asNormalizedText());
        }
        return items;
    }

    /** Asserts that the summary links to an element of the page with {@code message}. */
    static void assertSummaryLinks(HtmlPage page, String message, String anchor) {
        DomNode link = page.querySelectorAll(".error-summary li a").stream()
                .filter(a -> a.asNormalizedText().equals(message))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no summary link '" + message + "' in " + errorSummary(page)));
        assertEquals("#" + anchor, ((DomElement) link).getAttribute("href"), message);
        assertNotNull(page.getElementById(anchor), "element #" + anchor + " the summary links to");
    }

    /** Asserts that every option of {@code answers} is checked again. */
    static void assertChecked(HtmlPage page, Map<String, List<String>> answers) {
        answers.forEach((question, options) -> {
            for (String option : options) {
                HtmlInput input = (HtmlInput) page.getElementById("q-" + question + "-" + option);
                assertNotNull(input, "option " + question + "/" + option);
                assertTrue(input.isChecked(), "option " + question + "/" + option + " still checked");
            }
        });
    }

    static String details(HtmlPage page) {
        return ((HtmlTextArea) page.getElementById("details-input")).getText();
    }

    /** Returns the value of a text or textarea question. */
    static String textAnswer(HtmlPage page, String question) {
        DomElement field = page.getElementById("q-" + question);
        return field instanceof HtmlTextArea area ? area.getText() : ((HtmlInput) field).getValue();
    }

    /** Asserts that the form still carries the uploaded file {@code name} in its hidden fields. */
    static void assertAttached(HtmlPage page, String name) {
        HtmlForm form = Reporter.formWith(page, "details");
        assertFalse(form.getInputsByName("attachment.id").isEmpty(), "hidden attachment id");
        assertFalse(form.getInputByName("attachment.key").getValue().isEmpty(), "hidden attachment key");
        assertEquals(name, form.getInputByName("attachment.name").getValue(), "hidden attachment name");
        assertTrue(page.asNormalizedText().contains("Attached: " + name), "page says the file is attached");
    }

    static void assertNotAttached(HtmlPage page) {
        assertTrue(page.getElementsByName("attachment.id").isEmpty(), "no hidden attachment id");
    }

    /** Returns the value of the session cookie that {@code browser} stores for the public listener. */
    static String sessionCookie(WebClient browser) {
        return browser.getCookieManager().getCookie("sealbox").getValue();
    }

    /**
     * Encodes the review form as a browser sends it for "Send now", leaving out the field
     * {@code omitted} (null to keep all).
     */
    static String encodeReviewForm(HtmlPage review, String omitted) {
        HtmlForm form = Reporter.formWith(review, "submission");
        StringBuilder body = new StringBuilder("action=send");
        for (HtmlElement element : form.getHtmlElementDescendants()) {
            if (element instanceof HtmlInput input && !input.getNameAttribute().isEmpty()
                    && !input.getNameAttribute().equals(omitted)) {
                body.append('&').append(URLEncoder.encode(input.getNameAttribute(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(input.getValue(), StandardCharsets.UTF_8));
            }
        }
        return body.toString();
    }

    /** Sends a raw POST body to the public listener with the session cookie; never follows redirects. */
    static HttpResponse<String> post(TestServer server, String path, String cookie, String contentType, byte[] body)
            throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.publicUrl(path)))
                    .header("Cookie", "sealbox=" + cookie)
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Parses an HTML response that did not come through {@code browser}, to query it like a page. */
    static HtmlPage parse(WebClient browser, HttpResponse<String> response) throws IOException {
        URL url = response.uri().toURL();
        StringWebResponse web = new StringWebResponse(response.body(), url);
        return (HtmlPage) browser.loadWebResponseInto(web, browser.openWindow(null, "raw-" + System.nanoTime()));
    }
}
