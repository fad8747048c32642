package org.sealbox.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Officer;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sealbox.report.ReportChecks.assertAttached;
import static org.sealbox.report.ReportChecks.assertChecked;
import static org.sealbox.report.ReportChecks.assertNoServerError;
import static org.sealbox.report.ReportChecks.assertSummaryLinks;
import static org.sealbox.report.ReportChecks.attachmentCount;
import static org.sealbox.report.ReportChecks.caseCount;
import static org.sealbox.report.ReportChecks.details;
import static org.sealbox.report.ReportChecks.errorSummary;

/**
 * A POST whose session has ended (idle time passed) or whose CSRF token does not match gets the
 * form back filled in, attachment included, with only the security question to answer again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpiredSessionTest {

    private static final Duration PAST_IDLE = Duration.ofMinutes(21);
    private static final String EXPIRED = "Your session had ended, so the security question must be answered again. "
            + "Everything you typed is still here.";

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
        server = TestServer.startWithOfficer(dataDir, Map.of("sealbox.session.idle-minutes", "20"), clock);
        file = Files.writeString(uploads.resolve("evidence.txt"), "mail log of 3 May");
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
    void expiredSendAsksOnlyQuestion() throws Exception {
        HtmlPage review = ReportChecks.reviewBreach(server, browser, file);
        int casesBefore = caseCount(server);
        clock.advance(PAST_IDLE);

        HtmlPage page = Reporter.send(review);

        assertFormBackWithQuestion(page, EXPIRED);
        assertEquals(casesBefore, caseCount(server), "no case stored");
        assertSentAfterAnswer(page, casesBefore);
    }

    @Test
    void wrongCsrfOnSendAsksQuestion() throws Exception {
        HtmlPage review = ReportChecks.reviewBreach(server, browser, file);
        int casesBefore = caseCount(server);
        Reporter.formWith(review, "submission").getInputByName("csrf").setValue("not-the-token");

        HtmlPage page = Reporter.send(review);

        assertFormBackWithQuestion(page, EXPIRED);
        assertEquals(casesBefore, caseCount(server), "no case stored");
        assertSentAfterAnswer(page, casesBefore);
    }

    @Test
    void missingCsrfOnSendAsksQuestion() throws Exception {
        HtmlPage review = ReportChecks.reviewBreach(server, browser, file);
        int casesBefore = caseCount(server);
        Reporter.formWith(review, "submission").getInputByName("csrf").remove();

        HtmlPage page = Reporter.send(review);

        assertFormBackWithQuestion(page, EXPIRED);
        assertEquals(casesBefore, caseCount(server), "no case stored");
        assertSentAfterAnswer(page, casesBefore);
    }

    @Test
    void expiredFormPostKeepsEverything() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        Reporter.fill(form, ReportChecks.BREACH_ANSWERS, ReportChecks.BREACH_DETAILS, file);
        int casesBefore = caseCount(server);
        clock.advance(PAST_IDLE);

        HtmlPage page = Reporter.review(form);

        assertFormBackWithQuestion(page, EXPIRED);
        assertEquals(casesBefore, caseCount(server), "no case stored");
        assertSentAfterAnswer(page, casesBefore);
    }

    @Test
    void expiredFormPostStillValidates() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        Map<String, List<String>> some = Map.of("occurred", List.of("earlier"));
        Reporter.fill(form, some, "", file);
        clock.advance(PAST_IDLE);

        HtmlPage page = Reporter.review(form);

        assertNoServerError(page);
        List<String> errors = errorSummary(page);
        assertEquals(EXPIRED, errors.getFirst());
        assertTrue(errors.contains("Please describe what happened."), errors.toString());
        assertChecked(page, some);
        assertAttached(page, "evidence.txt");

        HtmlPage stillMissing = Reporter.answerChallenge(page);
        assertEquals(422, stillMissing.getWebResponse().getStatusCode());
        assertFalse(errorSummary(stillMissing).contains(EXPIRED), errorSummary(stillMissing).toString());
        assertTrue(stillMissing.querySelectorAll(".challenge").isEmpty(), "question answered, not asked again");
        assertAttached(stillMissing, "evidence.txt");
    }

    @Test
    void expiredSendCaseReachesOfficer() throws Exception {
        HtmlPage review = ReportChecks.reviewBreach(server, browser, file);
        clock.advance(PAST_IDLE);
        HtmlPage form = Reporter.send(review);
        HtmlPage secondReview = Reporter.answerChallenge(form);
        HtmlPage receipt = Reporter.send(secondReview);
        String reference = Reporter.reference(receipt);

        try (WebClient officerBrowser = TestServer.browser()) {
            Officer officer = new Officer(officerBrowser, server);
            HtmlPage casePage = officer.openCase(officer.login(), reference);
            String text = casePage.asNormalizedText();
            assertTrue(text.contains("A spreadsheet with salaries was mailed to all staff."), text);
            String download = officer.download(casePage, "evidence.txt").getWebResponse().getContentAsString();
            assertEquals("mail log of 3 May", download);
        }
    }

    /** Asserts that the form page after a lost session shows every answer again, with the question as the only error. */
    private void assertFormBackWithQuestion(HtmlPage page, String message) {
        assertNoServerError(page);
        assertEquals(200, page.getWebResponse().getStatusCode());
        assertEquals(List.of(message), errorSummary(page));
        assertSummaryLinks(page, message, "challenge-answer");
        assertEquals(message, page.querySelector("#challenge-error").asNormalizedText());
        assertChecked(page, ReportChecks.BREACH_ANSWERS);
        assertEquals(ReportChecks.BREACH_DETAILS, details(page));
        assertAttached(page, "evidence.txt");
        HtmlForm form = Reporter.formWith(page, "challenge");
        assertEquals("/report/form/breach", form.getActionAttribute());
        assertTrue(page.querySelectorAll(".question .error").isEmpty(), "no field errors");
    }

    /** Answers the question on {@code page}, reviews and sends; exactly one case with its file arrives. */
    private void assertSentAfterAnswer(HtmlPage page, int casesBefore) throws Exception {
        int attachmentsBefore = attachmentCount(server);
        HtmlPage review = Reporter.answerChallenge(page);
        assertEquals("/report/review", review.getUrl().getPath(), errorSummary(review).toString());
        assertTrue(review.asNormalizedText().contains("evidence.txt"), "review lists the file");

        HtmlPage receipt = Reporter.send(review);

        assertEquals("/report/receipt", receipt.getUrl().getPath(), receipt.asNormalizedText());
        assertEquals(casesBefore + 1, caseCount(server), "one case stored");
        assertEquals(attachmentsBefore + 1, attachmentCount(server), "its attachment stored");
    }
}
