package org.sealbox.postbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;

import org.sealbox.testing.PostboxUser;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

/** Shared steps of the postbox web tests: sending a report, raw log-ins and row counts. */
final class PostboxSteps {

    static final String STRONG_PASSWORD = "orbit lantern cactus meadow";

    private PostboxSteps() {
    }

    /** Sends a breach report with {@code details} and an optional file, and returns the receipt page. */
    static HtmlPage receipt(TestServer server, WebClient browser, String details, Path attachment) throws IOException {
        HtmlPage form = Reporter.chooseKind(new Reporter(browser, server).startReport(), "breach");
        Reporter.fill(form, SampleReports.BREACH_ANSWERS, details, attachment);
        HtmlPage review = Reporter.review(form);
        if (!review.getUrl().getPath().equals("/report/review")) {
            throw new AssertionError("the form was not accepted:\n" + review.asNormalizedText());
        }
        return Reporter.send(review);
    }

    /** Sends a report, sets up its postbox and returns the reference number. */
    static String reportWithPostbox(TestServer server, String details, Path attachment, String pseudonym,
                                    String password) throws IOException {
        try (WebClient browser = TestServer.browser()) {
            HtmlPage receipt = receipt(server, browser, details, attachment);
            String reference = Reporter.reference(receipt);
            HtmlPage done = PostboxUser.setUp(receipt, pseudonym, password);
            if (!done.asNormalizedText().contains("Postbox ready")) {
                throw new AssertionError("set-up failed:\n" + done.asNormalizedText());
            }
            return reference;
        }
    }

    /** Sends the log-in form over a raw connection, in a session that has passed the security question. */
    static RawHttp.Response login(TestServer server, RawHttp.PublicSession session, String pseudonym, String password)
            throws IOException {
        return RawHttp.postForm(server.app().publicPort(), "/postbox/login", Map.of("Cookie", session.cookie()),
                Map.of("csrf", session.csrf(), "pseudonym", pseudonym, "password", password));
    }

    /** Logs in over a raw connection and returns the {@code Cookie} header value of the opened postbox. */
    static String loggedInCookie(TestServer server, String pseudonym, String password) throws IOException {
        RawHttp.Response response = login(server, RawHttp.passChallenge(server.app().publicPort()), pseudonym, password);
        if (response.status() != 303) {
            throw new AssertionError("log-in failed with " + response.status() + ":\n" + response.text());
        }
        return "sealbox=" + response.setCookies().get("sealbox");
    }

    static RawHttp.Response getPublic(TestServer server, String path, String cookie) throws IOException {
        return RawHttp.get(server.app().publicPort(), path, Map.of("Cookie", cookie));
    }

    /** Counts the rows in table {@code message} for the case with this reference number. */
    static int messageCount(TestServer server, String reference) {
        long caseId = SampleReports.caseId(server, reference);
        return server.app().database().read(h -> h.createQuery("SELECT COUNT(*) FROM message WHERE case_id = :caseId")
                .bind("caseId", caseId)
                .mapTo(Integer.class)
                .one());
    }

    /** Counts the rows in table {@code message} over all cases. */
    static int messageCount(TestServer server) {
        return server.app().database().read(h -> h.createQuery("SELECT COUNT(*) FROM message")
                .mapTo(Integer.class)
                .one());
    }
}
