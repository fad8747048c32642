package org.sealbox.report;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.LogCapture;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sealbox.report.ReportChecks.assertAttached;
import static org.sealbox.report.ReportChecks.assertChecked;
import static org.sealbox.report.ReportChecks.assertNoServerError;
import static org.sealbox.report.ReportChecks.caseCount;
import static org.sealbox.report.ReportChecks.details;
import static org.sealbox.report.ReportChecks.errorSummary;

/**
 * Bodies no browser sends: invalid percent escapes, invalid UTF-8 and broken multipart. Each gets
 * a page that names what to check, with every readable value kept; none gets a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedBodyTest {

    private static final String URLENCODED = "application/x-www-form-urlencoded";
    private static final String MALFORMED = "Some characters could not be read and were replaced. "
            + "Please check your text before sending.";
    private static final String UNREADABLE = "The form could not be read completely. "
            + "Please check your answers and send again.";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    private LogCapture logs;
    private TestServer server;
    private WebClient browser;
    private Path file;

    @BeforeAll
    void startServer() throws Exception {
        logs = new LogCapture();
        server = TestServer.startWithOfficer(dataDir);
        file = Files.writeString(uploads.resolve("evidence.txt"), "mail log");
    }

    @AfterAll
    void stopServer() {
        server.close();
        logs.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = TestServer.browser();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
        assertFalse(logs.text().contains("Request failed"), "no unexpected error logged:\n" + logs.text());
    }

    @Test
    void invalidEscapesOnSendKeepText() throws Exception {
        HtmlPage review = ReportChecks.reviewBreach(server, browser, file);
        int casesBefore = caseCount(server);
        byte[] body = ascii(ReportChecks.encodeReviewForm(review, "details") + "&details=abc%zz%E0%A4");

        HttpResponse<String> response = ReportChecks.post(server, "/report/send",
                ReportChecks.sessionCookie(browser), URLENCODED, body);

        assertEquals(422, response.statusCode());
        HtmlPage page = ReportChecks.parse(browser, response);
        assertNoServerError(page);
        assertEquals(List.of(MALFORMED), errorSummary(page));
        assertTrue(details(page).startsWith("abc%zz"), details(page));
        assertTrue(details(page).contains("\uFFFD"), "undecodable bytes shown as U+FFFD: " + details(page));
        assertChecked(page, ReportChecks.BREACH_ANSWERS);
        assertAttached(page, "evidence.txt");
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void invalidUtf8OnSendKeepsText() throws Exception {
        HtmlPage review = ReportChecks.reviewBreach(server, browser, null);
        int casesBefore = caseCount(server);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii(ReportChecks.encodeReviewForm(review, "details") + "&details=Salaries+"));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        body.writeBytes(ascii("+were+mailed"));

        HttpResponse<String> response = ReportChecks.post(server, "/report/send",
                ReportChecks.sessionCookie(browser), URLENCODED, body.toByteArray());

        assertEquals(422, response.statusCode());
        HtmlPage page = ReportChecks.parse(browser, response);
        assertNoServerError(page);
        assertEquals(List.of(MALFORMED), errorSummary(page));
        assertTrue(details(page).startsWith("Salaries "), details(page));
        assertTrue(details(page).endsWith(" were mailed"), details(page));
        assertChecked(page, ReportChecks.BREACH_ANSWERS);
        assertEquals(casesBefore, caseCount(server), "no case stored");

        HtmlPage checked = Reporter.review(page);
        assertEquals("/report/review", checked.getUrl().getPath(), errorSummary(checked).toString());
    }

    @Test
    void invalidEscapesOnStartAskAgain() throws Exception {
        HtmlPage start = browser.getPage(server.publicUrl("/report"));
        String csrf = Reporter.formWith(start, "challenge").getInputByName("csrf").getValue();
        byte[] body = ascii("csrf=" + csrf + "&challenge=%zz%E0%A4&website=");

        HttpResponse<String> response = ReportChecks.post(server, "/report/start",
                ReportChecks.sessionCookie(browser), URLENCODED, body);

        assertEquals(422, response.statusCode());
        HtmlPage page = ReportChecks.parse(browser, response);
        assertNoServerError(page);
        assertEquals("The digits did not match. A new picture is shown; please type its five digits.",
                page.querySelector("#challenge-error").asNormalizedText());
        assertEquals(5, Reporter.digitsFromWords(page).length());
    }

    @Test
    void invalidUtf8InStartToken() throws Exception {
        HtmlPage start = browser.getPage(server.publicUrl("/report"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("csrf="));
        body.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
        body.writeBytes(ascii("&challenge=" + Reporter.digitsFromWords(start)));

        HttpResponse<String> response = ReportChecks.post(server, "/report/start",
                ReportChecks.sessionCookie(browser), URLENCODED, body.toByteArray());

        assertTrue(response.statusCode() < 500, "status " + response.statusCode());
        HtmlPage page = ReportChecks.parse(browser, response);
        assertNoServerError(page);
        assertFalse(page.querySelectorAll("#challenge-error").isEmpty(), "the question is asked again");
        HtmlPage kind = browser.getPage(server.publicUrl("/report/kind"));
        assertEquals("/report", kind.getUrl().getPath(), "the question does not count as answered");
    }

    @Test
    void brokenBoundaryOnForm() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        String csrf = Reporter.formWith(form, "details").getInputByName("csrf").getValue();
        int casesBefore = caseCount(server);
        String body = "--BBBB\r\n"
                + "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--BBBB\r\n"
                + "Content-Disposition: form-data; name=\"details\"\r\n\r\nlost text\r\n"
                + "--BBBB--\r\n";

        HttpResponse<String> response = ReportChecks.post(server, "/report/form/breach",
                ReportChecks.sessionCookie(browser), "multipart/form-data; boundary=AAAA", ascii(body));

        assertTrue(response.statusCode() < 500, "status " + response.statusCode());
        HtmlPage page = ReportChecks.parse(browser, response);
        assertNoServerError(page);
        assertEquals(UNREADABLE, errorSummary(page).getFirst(), errorSummary(page).toString());
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void missingBoundaryOnForm() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        int casesBefore = caseCount(server);

        HttpResponse<String> response = ReportChecks.post(server, "/report/form/breach",
                ReportChecks.sessionCookie(browser), "multipart/form-data", ascii("details=lost"));

        assertTrue(response.statusCode() < 500, "status " + response.statusCode());
        HtmlPage page = ReportChecks.parse(browser, response);
        assertNoServerError(page);
        assertTrue(errorSummary(page).contains(UNREADABLE), errorSummary(page).toString());
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void truncatedMultipartKeepsFields() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        String csrf = Reporter.formWith(form, "details").getInputByName("csrf").getValue();
        int casesBefore = caseCount(server);
        int draftsBefore = ReportChecks.draftFiles(server).size();
        String body = "--AAAA\r\n"
                + "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--AAAA\r\n"
                + "Content-Disposition: form-data; name=\"q.ongoing\"\r\n\r\nyes\r\n"
                + "--AAAA\r\n"
                + "Content-Disposition: form-data; name=\"details\"\r\n\r\nkept text\r\n"
                + "--AAAA\r\n"
                + "Content-Disposition: form-data; name=\"attachment\"; filename=\"cut.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "the connection broke in the middle of this fi";

        HttpResponse<String> response = ReportChecks.post(server, "/report/form/breach",
                ReportChecks.sessionCookie(browser), "multipart/form-data; boundary=AAAA", ascii(body));

        assertEquals(422, response.statusCode());
        HtmlPage page = ReportChecks.parse(browser, response);
        assertNoServerError(page);
        assertEquals(UNREADABLE, errorSummary(page).getFirst());
        assertEquals("kept text", details(page));
        assertChecked(page, Map.of("ongoing", List.of("yes")));
        assertTrue(page.querySelectorAll(".challenge").isEmpty(), "the session is still valid");
        assertEquals(draftsBefore, ReportChecks.draftFiles(server).size(), "no draft of the cut file");
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void invalidUtf8InMultipartField() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        String csrf = Reporter.formWith(form, "details").getInputByName("csrf").getValue();
        int casesBefore = caseCount(server);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii(part("csrf", csrf)));
        ReportChecks.BREACH_ANSWERS.forEach((question, options) ->
                options.forEach(option -> body.writeBytes(ascii(part("q." + question, option)))));
        body.writeBytes(ascii("--AAAA\r\nContent-Disposition: form-data; name=\"details\"\r\n\r\nReport "));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        body.writeBytes(ascii(" ends here\r\n--AAAA--\r\n"));

        HttpResponse<String> response = ReportChecks.post(server, "/report/form/breach",
                ReportChecks.sessionCookie(browser), "multipart/form-data; boundary=AAAA", body.toByteArray());

        assertEquals(422, response.statusCode());
        HtmlPage page = ReportChecks.parse(browser, response);
        assertNoServerError(page);
        assertEquals(List.of(MALFORMED), errorSummary(page));
        assertTrue(details(page).startsWith("Report "), details(page));
        assertTrue(details(page).endsWith(" ends here"), details(page));
        assertChecked(page, ReportChecks.BREACH_ANSWERS);
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    private static String part(String name, String value) {
        return "--AAAA\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
