package org.sealbox.report;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sealbox.report.ReportChecks.assertAttached;
import static org.sealbox.report.ReportChecks.assertChecked;
import static org.sealbox.report.ReportChecks.assertNoServerError;
import static org.sealbox.report.ReportChecks.caseCount;
import static org.sealbox.report.ReportChecks.details;
import static org.sealbox.report.ReportChecks.errorSummary;

/**
 * The security question: wrong, replayed and honeypot answers, browsers without cookies, the
 * text alternative and the picture.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityQuestionTest {

    private static final String WRONG = "The digits did not match. A new picture is shown; please type its five digits.";
    private static final String HONEYPOT = "The field \"Leave this field empty\" must stay empty. "
            + "Please clear it and send again.";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    /** Starts at the real time: the draft sweep compares file times on disk with this clock. */
    private final MutableClock clock = new MutableClock(Instant.now());
    private TestServer server;
    private WebClient browser;
    private Path file;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
        file = Files.writeString(uploads.resolve("evidence.txt"), "mail log");
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
    void wrongAnswerOnStartAsksNewQuestion() throws Exception {
        HtmlPage start = browser.getPage(server.publicUrl("/report"));
        String digits = Reporter.digitsFromWords(start);

        HtmlPage page = answer(start, wrongDigits(digits));

        assertNoServerError(page);
        assertEquals(422, page.getWebResponse().getStatusCode());
        assertEquals(WRONG, page.querySelector("#challenge-error").asNormalizedText());
        // A new question has other digits, except by a 1-in-100,000 chance.
        assertNotEquals(digits, Reporter.digitsFromWords(page));
        assertEquals("/report/kind", Reporter.answerChallenge(page).getUrl().getPath());
    }

    @Test
    void wrongAnswerInFormKeepsEverything() throws Exception {
        HtmlPage form = expiredForm();
        String digits = Reporter.digitsFromWords(form);

        HtmlPage page = answer(form, wrongDigits(digits));

        assertNoServerError(page);
        assertEquals(List.of(WRONG), errorSummary(page));
        assertNotEquals(digits, Reporter.digitsFromWords(page));
        assertChecked(page, ReportChecks.BREACH_ANSWERS);
        assertEquals(ReportChecks.BREACH_DETAILS, details(page));
        assertAttached(page, "evidence.txt");

        HtmlPage review = Reporter.answerChallenge(page);
        assertEquals("/report/review", review.getUrl().getPath(), errorSummary(review).toString());
    }

    @Test
    void usedAnswerCountsOnce() throws Exception {
        HtmlPage start = browser.getPage(server.publicUrl("/report"));
        WebRequest post = startPost(start, Reporter.digitsFromWords(start), "");

        HtmlPage first = browser.getPage(post);
        HtmlPage second = browser.getPage(post);

        assertEquals("/report/kind", first.getUrl().getPath());
        assertEquals(422, second.getWebResponse().getStatusCode());
        assertEquals(WRONG, second.querySelector("#challenge-error").asNormalizedText());
    }

    @Test
    void usedAnswerNotValidForNextReport() throws Exception {
        HtmlPage start = browser.getPage(server.publicUrl("/report"));
        WebRequest post = startPost(start, Reporter.digitsFromWords(start), "");
        HtmlPage kind = browser.getPage(post);
        HtmlPage form = Reporter.chooseKind(kind, "breach");
        Reporter.fill(form, ReportChecks.BREACH_ANSWERS, ReportChecks.BREACH_DETAILS, null);
        Reporter.send(Reporter.review(form));
        int casesAfterFirst = caseCount(server);

        HtmlPage replayed = browser.getPage(post);

        assertEquals(422, replayed.getWebResponse().getStatusCode());
        assertEquals(WRONG, replayed.querySelector("#challenge-error").asNormalizedText());
        HtmlPage kindAgain = browser.getPage(server.publicUrl("/report/kind"));
        assertEquals("/report", kindAgain.getUrl().getPath(), "the next report needs a new answer");
        assertEquals(casesAfterFirst, caseCount(server));
    }

    @Test
    void honeypotOnStartRejected() throws Exception {
        HtmlPage start = browser.getPage(server.publicUrl("/report"));
        HtmlForm form = Reporter.formWith(start, "challenge");
        form.getInputByName("challenge").setValue(Reporter.digitsFromWords(start));
        form.getInputByName("website").setValue("https://spam.invalid");

        HtmlPage page = Reporter.submit(form, null);

        assertNoServerError(page);
        assertEquals(422, page.getWebResponse().getStatusCode());
        assertEquals(HONEYPOT, page.querySelector("#challenge-error").asNormalizedText());
        assertEquals("", Reporter.formWith(page, "website").getInputByName("website").getValue());
        HtmlPage kind = browser.getPage(server.publicUrl("/report/kind"));
        assertEquals("/report", kind.getUrl().getPath(), "the question does not count as answered");
    }

    @Test
    void honeypotInFormKeepsEverything() throws Exception {
        HtmlPage form = expiredForm();
        HtmlForm html = Reporter.formWith(form, "challenge");
        html.getInputByName("challenge").setValue(Reporter.digitsFromWords(form));
        html.getInputByName("website").setValue("filled");
        int casesBefore = caseCount(server);

        HtmlPage page = Reporter.submit(html, null);

        assertNoServerError(page);
        assertEquals(List.of(HONEYPOT), errorSummary(page));
        assertChecked(page, ReportChecks.BREACH_ANSWERS);
        assertEquals(ReportChecks.BREACH_DETAILS, details(page));
        assertAttached(page, "evidence.txt");
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void cookiesOffShowsExplanation() throws Exception {
        browser.getCookieManager().setCookiesEnabled(false);
        HtmlPage start = browser.getPage(server.publicUrl("/report"));

        HtmlPage page = Reporter.answerChallenge(start);

        assertNoServerError(page);
        assertEquals(400, page.getWebResponse().getStatusCode());
        assertEquals("Cookies are switched off", page.querySelector("h1").asNormalizedText());
        assertTrue(page.asNormalizedText().contains("Please allow cookies for this site and start again."),
                page.asNormalizedText());
    }

    @Test
    void cookiesOffOnSendKeepsEverything() throws Exception {
        HtmlPage review = ReportChecks.reviewBreach(server, browser, file);
        int casesBefore = caseCount(server);
        browser.getCookieManager().setCookiesEnabled(false);

        HtmlPage page = Reporter.send(review);

        assertNoServerError(page);
        String cookies = "This portal needs one session cookie to keep your answers between pages. It sets no "
                + "other cookies and deletes it when you close the browser. Please allow cookies for this site "
                + "and start again.";
        assertEquals(List.of(cookies), errorSummary(page));
        assertChecked(page, ReportChecks.BREACH_ANSWERS);
        assertEquals(ReportChecks.BREACH_DETAILS, details(page));
        assertAttached(page, "evidence.txt");
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void textAlternativeSpellsDigits() throws Exception {
        HtmlPage start = browser.getPage(server.publicUrl("/report"));

        String words = start.querySelector(".challenge details p").asNormalizedText();

        assertTrue(words.matches("The digits are: (zero|one|two|three|four|five|six|seven|eight|nine)"
                + "(, (zero|one|two|three|four|five|six|seven|eight|nine)){4}\\."), words);
        assertEquals("Cannot see the picture? Read the digits as words",
                start.querySelector(".challenge details summary").asNormalizedText());
        assertEquals("Picture of five digits. The same digits are written out in words below.",
                start.<DomElement>querySelector(".challenge img").getAttribute("alt"));
        assertNotNull(start.querySelector("label[for=challenge-answer]"), "the answer field has a label");
    }

    @Test
    void pictureIsPngWithHeaders() throws Exception {
        HtmlPage start = browser.getPage(server.publicUrl("/report"));
        String src = start.<DomElement>querySelector(".challenge img").getAttribute("src");
        assertTrue(src.startsWith("/challenge.png?v="), src);

        WebResponse response = browser.loadWebResponse(new WebRequest(URI.create(server.publicUrl(src)).toURL()));

        assertEquals(200, response.getStatusCode());
        assertEquals("image/png", response.getContentType());
        byte[] png = response.getContentAsStream().readAllBytes();
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(260, image.getWidth());
        assertEquals(80, image.getHeight());
        assertEquals("no-store", response.getResponseHeaderValue("Cache-Control"));
        assertEquals("nosniff", response.getResponseHeaderValue("X-Content-Type-Options"));
        assertEquals("DENY", response.getResponseHeaderValue("X-Frame-Options"));
        assertEquals("no-referrer", response.getResponseHeaderValue("Referrer-Policy"));
        assertTrue(response.getResponseHeaderValue("Content-Security-Policy").contains("default-src 'none'"),
                response.getResponseHeaderValue("Content-Security-Policy"));
    }

    @Test
    void pictureWithoutSessionNotFound() throws Exception {
        Page page = browser.getPage(server.publicUrl("/challenge.png"));

        assertEquals(404, page.getWebResponse().getStatusCode());
        assertEquals("nosniff", page.getWebResponse().getResponseHeaderValue("X-Content-Type-Options"));
    }

    /** Returns a filled-in breach form, with attachment, that came back with the question after the session ended. */
    private HtmlPage expiredForm() throws Exception {
        HtmlPage review = ReportChecks.reviewBreach(server, browser, file);
        clock.advance(Duration.ofMinutes(21));
        HtmlPage form = Reporter.send(review);
        assertEquals(1, errorSummary(form).size(), errorSummary(form).toString());
        return form;
    }

    private static HtmlPage answer(HtmlPage page, String digits) throws Exception {
        HtmlForm form = Reporter.formWith(page, "challenge");
        form.getInputByName("challenge").setValue(digits);
        return Reporter.submit(form, null);
    }

    /** The start page's POST with this answer, to send more than once. */
    private WebRequest startPost(HtmlPage start, String digits, String website) throws Exception {
        String csrf = Reporter.formWith(start, "challenge").getInputByName("csrf").getValue();
        WebRequest post = new WebRequest(URI.create(server.publicUrl("/report/start")).toURL(), HttpMethod.POST);
        post.setRequestParameters(List.of(
                new NameValuePair("csrf", csrf),
                new NameValuePair("challenge", digits),
                new NameValuePair("website", website)));
        return post;
    }

    /** Five digits that differ from {@code digits} in every place. */
    private static String wrongDigits(String digits) {
        StringBuilder wrong = new StringBuilder();
        for (char digit : digits.toCharArray()) {
            wrong.append((char) ('0' + (digit - '0' + 1) % 10));
        }
        return wrong.toString();
    }
}
