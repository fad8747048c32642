package org.sealbox.report;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.sealbox.report.ReportChecks.assertNoServerError;
import static org.sealbox.report.ReportChecks.attachmentCount;
import static org.sealbox.report.ReportChecks.caseCount;

/**
 * "Send now" pressed twice, the receipt reloaded and the same review sent from two threads at
 * once: one case, and the same reference number on every receipt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoubleSendTest {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    private TestServer server;
    private WebClient browser;
    private Path file;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
        file = Files.writeString(uploads.resolve("list.csv"), "name;salary\nA;1\n");
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
    void sendTwiceSameReference() throws Exception {
        HtmlPage review = ReportChecks.reviewBreach(server, browser, file);
        int casesBefore = caseCount(server);
        int attachmentsBefore = attachmentCount(server);

        HtmlPage first = Reporter.send(review);
        HtmlPage second = Reporter.send(review);

        assertNoServerError(second);
        assertEquals("/report/receipt", second.getUrl().getPath(), second.asNormalizedText());
        assertEquals(Reporter.reference(first), Reporter.reference(second));
        assertEquals(casesBefore + 1, caseCount(server), "one case stored");
        assertEquals(attachmentsBefore + 1, attachmentCount(server), "one attachment stored");
    }

    @Test
    void receiptReloadSameReference() throws Exception {
        HtmlPage review = ReportChecks.reviewBreach(server, browser, null);
        int casesBefore = caseCount(server);
        HtmlPage receipt = Reporter.send(review);

        HtmlPage reloaded = (HtmlPage) receipt.refresh();

        assertEquals("/report/receipt", reloaded.getUrl().getPath());
        assertEquals(Reporter.reference(receipt), Reporter.reference(reloaded));
        assertEquals(casesBefore + 1, caseCount(server), "one case stored");
    }

    @Test
    void secondReportGetsNewReference() throws Exception {
        HtmlPage firstReceipt = Reporter.send(ReportChecks.reviewBreach(server, browser, null));
        int casesBefore = caseCount(server);

        HtmlPage secondReceipt = Reporter.send(ReportChecks.reviewBreach(server, browser, null));

        assertEquals(casesBefore + 1, caseCount(server), "the second report is a new case");
        assertNotEquals(Reporter.reference(firstReceipt), Reporter.reference(secondReceipt), "a new reference number");
    }

    @Test
    void concurrentSendsOneCase() throws Exception {
        HtmlPage review = ReportChecks.reviewBreach(server, browser, file);
        String cookie = ReportChecks.sessionCookie(browser);
        byte[] body = ReportChecks.encodeReviewForm(review, null).getBytes(StandardCharsets.US_ASCII);
        int casesBefore = caseCount(server);
        int attachmentsBefore = attachmentCount(server);

        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                answers.add(threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return ReportChecks.post(server, "/report/send", cookie,
                            "application/x-www-form-urlencoded", body);
                }));
            }
        }

        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertEquals(303, response.statusCode(), response.body());
            assertEquals("/report/receipt", response.headers().firstValue("Location").orElse(""));
        }
        assertEquals(casesBefore + 1, caseCount(server), "one case stored");
        assertEquals(attachmentsBefore + 1, attachmentCount(server), "one attachment stored");
        HtmlPage receipt = browser.getPage(server.publicUrl("/report/receipt"));
        assertEquals(1, receipt.querySelectorAll(".reference").size());
    }
}
