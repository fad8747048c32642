package org.sealbox.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;

/**
 * Sends breach reports through the public pages with a browser, and looks up where the server
 * stored them, for tests that need cases to exist.
 */
public final class SampleReports {

    /** Answers that pass the built-in breach form's checks. */
    public static final Map<String, List<String>> BREACH_ANSWERS = Map.of(
            "breach-type", List.of("disclosure"),
            "occurred", List.of("last-week"),
            "noticed", List.of("last-24h"),
            "data-categories", List.of("employee"),
            "people-affected", List.of("up-to-100"),
            "ongoing", List.of("no"),
            "source", List.of("observed"),
            "relation", List.of("undisclosed"));

    private SampleReports() {
    }

    /**
     * Sends a breach report with {@code details} and, unless {@code fileName} is null, one
     * attachment written from {@code content} into {@code uploads}. Returns the reference number.
     */
    public static String sendBreach(TestServer server, WebClient browser, String details, Path uploads,
                                    String fileName, byte[] content) throws IOException {
        Path file = null;
        if (fileName != null) {
            file = uploads.resolve(fileName);
            Files.write(file, content);
        }
        HtmlPage kind = new Reporter(browser, server).startReport();
        HtmlPage form = Reporter.chooseKind(kind, "breach");
        Reporter.fill(form, BREACH_ANSWERS, details, file);
        HtmlPage review = Reporter.review(form);
        if (!review.getUrl().getPath().equals("/report/review")) {
            throw new AssertionError("the form was not accepted:\n" + review.asNormalizedText());
        }
        return Reporter.reference(Reporter.send(review));
    }

    /** Sends a breach report without attachment. */
    public static String sendBreach(TestServer server, WebClient browser, String details) throws IOException {
        return sendBreach(server, browser, details, null, null, null);
    }

    /** Returns the database id of the case with this reference number. */
    public static long caseId(TestServer server, String reference) {
        return server.app().database().read(h -> h.createQuery("SELECT id FROM report_case WHERE reference = :reference")
                .bind("reference", reference)
                .mapTo(Long.class)
                .one());
    }

    /** Returns the id of the case's only attachment, which is also its file name under attachments/. */
    public static String attachmentId(TestServer server, long caseId) {
        return server.app().database().read(h -> h.createQuery("SELECT id FROM attachment WHERE case_id = :caseId")
                .bind("caseId", caseId)
                .mapTo(String.class)
                .one());
    }

    /** Returns the path of an attachment's encrypted file in the data directory. */
    public static Path attachmentFile(TestServer server, String attachmentId) {
        return server.dataDir().resolve("attachments").resolve(attachmentId);
    }
}
