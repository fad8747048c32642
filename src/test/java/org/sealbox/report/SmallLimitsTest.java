package org.sealbox.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sealbox.report.ReportChecks.assertAttached;
import static org.sealbox.report.ReportChecks.assertChecked;
import static org.sealbox.report.ReportChecks.assertNoServerError;
import static org.sealbox.report.ReportChecks.assertNotAttached;
import static org.sealbox.report.ReportChecks.assertSummaryLinks;
import static org.sealbox.report.ReportChecks.caseCount;
import static org.sealbox.report.ReportChecks.details;
import static org.sealbox.report.ReportChecks.draftFiles;
import static org.sealbox.report.ReportChecks.errorSummary;

/**
 * Free text and attachments over configured limits of 50 characters and 100,000 bytes: the
 * page names the count and the limit, keeps what was typed and keeps no oversized draft file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmallLimitsTest {

    private static final int TEXT_LIMIT = 50;
    private static final int ATTACHMENT_LIMIT = 100_000;
    private static final String SHORT_DETAILS = "Salaries mailed to all staff.";
    private static final String TOO_LARGE = "The file \"%s\" is larger than 97.7 KiB. Please choose a smaller file "
            + "or leave it out; everything else you typed is kept.";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    private TestServer server;
    private WebClient browser;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(
                "sealbox.limits.text-chars", Integer.toString(TEXT_LIMIT),
                "sealbox.limits.attachment-bytes", Integer.toString(ATTACHMENT_LIMIT)), Clock.systemUTC());
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
    void detailsOverLimitKeptInFull() throws Exception {
        int casesBefore = caseCount(server);
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        String text = "Line one of the report.\nLine two, ümlaut, 日本語, ends";
        assertEquals(TEXT_LIMIT + 1, text.codePointCount(0, text.length()));
        Reporter.fill(form, ReportChecks.BREACH_ANSWERS, text, null);

        HtmlPage page = Reporter.review(form);

        assertNoServerError(page);
        assertEquals(422, page.getWebResponse().getStatusCode());
        String message = "Your description has 51 characters; at most 50 are allowed. "
                + "Please shorten it; your text is kept below.";
        assertEquals(List.of(message), errorSummary(page));
        assertSummaryLinks(page, message, "details");
        assertEquals(text, details(page));
        assertChecked(page, ReportChecks.BREACH_ANSWERS);
        assertEquals("At most 50 characters.", page.querySelector("#details .hint").asNormalizedText());
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void detailsAtLimitAccepted() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        Reporter.fill(form, ReportChecks.BREACH_ANSWERS, "d".repeat(TEXT_LIMIT), null);

        HtmlPage page = Reporter.review(form);

        assertEquals("/report/review", page.getUrl().getPath(), errorSummary(page).toString());
    }

    @Test
    void attachmentOneByteOverLimit() throws Exception {
        assertOversizedRejected("one-over.bin", ATTACHMENT_LIMIT + 1);
    }

    @Test
    void attachmentFarOverLimit() throws Exception {
        assertOversizedRejected("three-mb.bin", 3 * 1024 * 1024);
    }

    @Test
    void attachmentAtLimitAccepted() throws Exception {
        Path file = write("exact.bin", ATTACHMENT_LIMIT);
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        Reporter.fill(form, ReportChecks.BREACH_ANSWERS, SHORT_DETAILS, file);

        HtmlPage page = Reporter.review(form);

        assertEquals("/report/review", page.getUrl().getPath(), errorSummary(page).toString());
    }

    @Test
    void oversizedKeepsEarlierAttachment() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        Reporter.fill(form, Map.of("ongoing", List.of("yes")), "", write("small.bin", 1_000));
        HtmlPage withFile = Reporter.review(form);
        assertAttached(withFile, "small.bin");
        int draftsWithFirst = draftFiles(server).size();

        Reporter.fill(withFile, ReportChecks.BREACH_ANSWERS, SHORT_DETAILS, write("big.bin", ATTACHMENT_LIMIT + 1));
        HtmlPage page = Reporter.review(withFile);

        assertEquals(List.of(TOO_LARGE.formatted("big.bin")), errorSummary(page));
        assertAttached(page, "small.bin");
        assertEquals(SHORT_DETAILS, details(page));
        assertEquals(draftsWithFirst, draftFiles(server).size(), "only the earlier draft file is kept");

        HtmlPage review = Reporter.review(page);
        assertEquals("/report/review", review.getUrl().getPath(), errorSummary(review).toString());
        int casesBefore = caseCount(server);
        Reporter.send(review);
        assertEquals(casesBefore + 1, caseCount(server), "the report with the earlier file is stored");
    }

    private void assertOversizedRejected(String name, int size) throws Exception {
        int casesBefore = caseCount(server);
        int draftsBefore = draftFiles(server).size();
        Path file = write(name, size);
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        Reporter.fill(form, ReportChecks.BREACH_ANSWERS, SHORT_DETAILS, file);

        HtmlPage page = Reporter.review(form);

        assertNoServerError(page);
        assertEquals(422, page.getWebResponse().getStatusCode());
        String message = TOO_LARGE.formatted(name);
        assertEquals(List.of(message), errorSummary(page));
        assertSummaryLinks(page, message, "attachment");
        assertEquals(SHORT_DETAILS, details(page));
        assertChecked(page, ReportChecks.BREACH_ANSWERS);
        assertNotAttached(page);
        assertEquals(draftsBefore, draftFiles(server).size(), "no draft file kept: " + draftFiles(server));
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    private static Path write(String name, int size) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return Files.write(uploads.resolve(name), content);
    }
}
