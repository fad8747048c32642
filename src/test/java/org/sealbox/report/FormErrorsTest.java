package org.sealbox.report;

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

import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sealbox.report.ReportChecks.assertAttached;
import static org.sealbox.report.ReportChecks.assertChecked;
import static org.sealbox.report.ReportChecks.assertNoServerError;
import static org.sealbox.report.ReportChecks.assertNotAttached;
import static org.sealbox.report.ReportChecks.assertSummaryLinks;
import static org.sealbox.report.ReportChecks.caseCount;
import static org.sealbox.report.ReportChecks.details;
import static org.sealbox.report.ReportChecks.draftFiles;
import static org.sealbox.report.ReportChecks.errorSummary;
import static org.sealbox.report.ReportChecks.textAnswer;

/**
 * The form page with missing answers, text over the default limits and an empty file: each
 * problem is named next to its field and in the summary, and everything typed comes back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormErrorsTest {

    /** Question id and label of every required breach question. */
    private static final List<Map.Entry<String, String>> BREACH_QUESTIONS = List.of(
            Map.entry("breach-type", "What happened to the data?"),
            Map.entry("occurred", "When did it happen?"),
            Map.entry("noticed", "When did you notice it?"),
            Map.entry("data-categories", "Which kinds of data are affected?"),
            Map.entry("people-affected", "Roughly how many people are affected?"),
            Map.entry("ongoing", "Is it still going on?"),
            Map.entry("source", "How did you learn about it?"),
            Map.entry("relation", "What is your relation to the organisation?"));

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

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
    void emptyBreachFormNamesEveryField() throws Exception {
        int casesBefore = caseCount(server);
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");

        HtmlPage page = Reporter.review(form);

        assertNoServerError(page);
        assertEquals(422, page.getWebResponse().getStatusCode());
        assertEquals("/report/form/breach", page.getUrl().getPath());
        assertEquals(BREACH_QUESTIONS.size() + 1, errorSummary(page).size(), errorSummary(page).toString());
        assertEquals("Please correct the following", page.querySelector(".error-summary h2").asNormalizedText());
        for (Map.Entry<String, String> question : BREACH_QUESTIONS) {
            assertSummaryLinks(page, "Please answer \"" + question.getValue() + "\".", "question-" + question.getKey());
        }
        assertSummaryLinks(page, "Please describe what happened.", "details");
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void fieldErrorsShowNextToFields() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");

        HtmlPage page = Reporter.review(form);

        String occurred = page.getElementById("question-occurred").asNormalizedText();
        assertTrue(occurred.contains("Please answer \"When did it happen?\"."), occurred);
        String details = page.getElementById("details").asNormalizedText();
        assertTrue(details.contains("Please describe what happened."), details);
        assertEquals("true", page.getElementById("details-input").getAttribute("aria-invalid"));
    }

    @Test
    void partialBreachFormKeepsAnswers() throws Exception {
        int casesBefore = caseCount(server);
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        Map<String, List<String>> some = Map.of(
                "breach-type", List.of("disclosure", "alteration"),
                "ongoing", List.of("yes"));
        Path file = Files.writeString(uploads.resolve("notes.txt"), "first notes");
        Reporter.fill(form, some, "", file);

        HtmlPage page = Reporter.review(form);

        assertEquals(422, page.getWebResponse().getStatusCode());
        assertChecked(page, some);
        assertAttached(page, "notes.txt");
        List<String> errors = errorSummary(page);
        assertEquals(7, errors.size(), errors.toString());
        assertTrue(errors.contains("Please answer \"When did it happen?\"."), errors.toString());
        assertTrue(errors.contains("Please describe what happened."), errors.toString());
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void requestWithoutContactOrRight() throws Exception {
        int casesBefore = caseCount(server);
        HtmlPage form = ReportChecks.openForm(server, browser, "request");
        Reporter.fill(form, Map.of("identification", List.of("Customer number 4711")),
                "Please send me a copy\nof my data.", null);

        HtmlPage page = Reporter.review(form);

        assertNoServerError(page);
        assertEquals(422, page.getWebResponse().getStatusCode());
        List<String> errors = errorSummary(page);
        assertEquals(3, errors.size(), errors.toString());
        assertSummaryLinks(page, "Please answer \"Which right do you want to use?\".", "question-right");
        assertSummaryLinks(page, "Please answer \"Your name\".", "question-contact-name");
        assertSummaryLinks(page, "Please answer \"How can we reach you?\".", "question-contact-address");
        assertEquals("Customer number 4711", textAnswer(page, "identification"));
        assertEquals("Please send me a copy\nof my data.", details(page));
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void detailsOverDefaultLimitKept() throws Exception {
        int casesBefore = caseCount(server);
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        String text = "x".repeat(19_993) + " 日本語 end";
        assertEquals(20_001, text.length());
        Reporter.fill(form, ReportChecks.BREACH_ANSWERS, text, null);

        HtmlPage page = Reporter.review(form);

        assertNoServerError(page);
        assertEquals(422, page.getWebResponse().getStatusCode());
        String message = "Your description has 20,001 characters; at most 20,000 are allowed. "
                + "Please shorten it; your text is kept below.";
        assertEquals(List.of(message), errorSummary(page));
        assertSummaryLinks(page, message, "details");
        assertEquals(text, details(page));
        assertChecked(page, ReportChecks.BREACH_ANSWERS);
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void detailsAtDefaultLimitAccepted() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        Reporter.fill(form, ReportChecks.BREACH_ANSWERS, "y".repeat(20_000), null);

        HtmlPage page = Reporter.review(form);

        assertEquals("/report/review", page.getUrl().getPath(), errorSummary(page).toString());
    }

    @Test
    void answerOverQuestionLimitKept() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "request");
        String identification = "Customer 4711 " + "z".repeat(1_990);
        Reporter.fill(form, Map.of(
                "right", List.of("erasure"),
                "contact-name", List.of("Erika Mustermann"),
                "contact-address", List.of("erika@example.org"),
                "identification", List.of(identification)), "", null);

        HtmlPage page = Reporter.review(form);

        assertEquals(422, page.getWebResponse().getStatusCode());
        String message = "\"How can we identify you in our records?\" has 2,004 characters; "
                + "at most 2,000 are allowed. Please shorten it.";
        assertEquals(List.of(message), errorSummary(page));
        assertSummaryLinks(page, message, "question-identification");
        assertEquals(identification, textAnswer(page, "identification"));
        assertEquals("Erika Mustermann", textAnswer(page, "contact-name"));
        assertEquals("erika@example.org", textAnswer(page, "contact-address"));
        assertChecked(page, Map.of("right", List.of("erasure")));
    }

    @Test
    void emptyAttachmentRejected() throws Exception {
        int casesBefore = caseCount(server);
        int draftsBefore = draftFiles(server).size();
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        Path empty = Files.write(uploads.resolve("empty.pdf"), new byte[0]);
        Reporter.fill(form, ReportChecks.BREACH_ANSWERS, ReportChecks.BREACH_DETAILS, empty);

        HtmlPage page = Reporter.review(form);

        assertNoServerError(page);
        assertEquals(422, page.getWebResponse().getStatusCode());
        String message = "The file \"empty.pdf\" is empty (0 bytes). Please choose the file again.";
        assertEquals(List.of(message), errorSummary(page));
        assertSummaryLinks(page, message, "attachment");
        assertEquals(ReportChecks.BREACH_DETAILS, details(page));
        assertChecked(page, ReportChecks.BREACH_ANSWERS);
        assertNotAttached(page);
        assertEquals(draftsBefore, draftFiles(server).size(), "no draft file kept");
        assertEquals(casesBefore, caseCount(server), "no case stored");
    }

    @Test
    void emptyAttachmentKeepsEarlierFile() throws Exception {
        HtmlPage form = ReportChecks.openForm(server, browser, "breach");
        Path first = Files.writeString(uploads.resolve("first.txt"), "the first file");
        Reporter.fill(form, Map.of("ongoing", List.of("no")), "", first);
        HtmlPage withFile = Reporter.review(form);
        assertAttached(withFile, "first.txt");

        Path empty = Files.write(uploads.resolve("empty.txt"), new byte[0]);
        Reporter.fill(withFile, ReportChecks.BREACH_ANSWERS, ReportChecks.BREACH_DETAILS, empty);
        HtmlPage page = Reporter.review(withFile);

        assertEquals(List.of("The file \"empty.txt\" is empty (0 bytes). Please choose the file again."),
                errorSummary(page));
        assertAttached(page, "first.txt");
        assertEquals(ReportChecks.BREACH_DETAILS, details(page));
    }
}
