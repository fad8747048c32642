package org.sealbox.postbox;

import java.nio.file.Path;
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

import org.sealbox.testing.Officer;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sealbox.postbox.PostboxSteps.STRONG_PASSWORD;

/** The officer's reply form on the case page: CSRF, empty and repeated replies, and cases without a postbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficerReplyTest {

    private static final String NO_POSTBOX = "The reporter has not set up a postbox, so replies cannot reach them.";

    @TempDir
    static Path dataDir;

    private TestServer server;
    private String withPostbox;
    private String withoutPostbox;
    private WebClient browser;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
        withPostbox = PostboxSteps.reportWithPostbox(server, "Report with a postbox.", null, "Red Kite 07", STRONG_PASSWORD);
        try (WebClient reporter = TestServer.browser()) {
            withoutPostbox = SampleReports.sendBreach(server, reporter, "Report without a postbox.");
        }
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
    void replyWithoutCsrfForbidden() throws Exception {
        String cookie = RawHttp.login(server.app().adminPort(), TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        int before = PostboxSteps.messageCount(server);

        RawHttp.Response response = RawHttp.postForm(server.app().adminPort(), messagesPath(withPostbox),
                Map.of("Cookie", cookie), Map.of("reply", "Sent without a token.", "submission", "s1"));

        assertEquals(403, response.status(), "a reply without CSRF token is rejected");
        assertEquals(before, PostboxSteps.messageCount(server), "nothing stored");
    }

    @Test
    void replyWithForeignCsrfForbidden() throws Exception {
        int port = server.app().adminPort();
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String otherCookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String otherToken = RawHttp.get(port, "/cases", Map.of("Cookie", otherCookie)).csrf();
        int before = PostboxSteps.messageCount(server);

        RawHttp.Response response = RawHttp.postForm(port, messagesPath(withPostbox), Map.of("Cookie", cookie),
                Map.of("csrf", otherToken, "reply", "Sent with another session's token.", "submission", "s2"));

        assertEquals(403, response.status(), "a reply with another session's CSRF token is rejected");
        assertEquals(before, PostboxSteps.messageCount(server), "nothing stored");
    }

    @Test
    void emptyReplyShowsMessage() throws Exception {
        HtmlPage casePage = openCase(withPostbox);
        int before = PostboxSteps.messageCount(server);

        HtmlPage page = Officer.reply(casePage, "  \n ");

        assertEquals(422, page.getWebResponse().getStatusCode(), "status of an empty reply");
        assertTrue(page.asNormalizedText().contains("Please write a message."), page.asNormalizedText());
        assertFalse(Reporter.formWith(page, "reply").getTextAreasByName("reply").isEmpty(), "the reply form is shown again");
        assertEquals(before, PostboxSteps.messageCount(server), "nothing stored");
    }

    @Test
    void doubleSubmitStoresOnce() throws Exception {
        HtmlPage casePage = openCase(withPostbox);
        int before = PostboxSteps.messageCount(server, withPostbox);

        HtmlPage first = Officer.reply(casePage, "Which team sent the letter?");
        HtmlForm sameForm = Reporter.formWith(casePage, "reply");
        HtmlPage second = Reporter.submit(sameForm, null);

        assertEquals(200, first.getWebResponse().getStatusCode(), "the first reply lands on the case page");
        assertEquals(200, second.getWebResponse().getStatusCode(), "the repeated reply lands on the case page");
        assertEquals(before + 1, PostboxSteps.messageCount(server, withPostbox), "exactly one message stored");
    }

    @Test
    void casePageTellsMissingPostbox() throws Exception {
        HtmlPage without = openCase(withoutPostbox);
        HtmlPage with = openCase(withPostbox);

        assertTrue(without.asNormalizedText().contains(NO_POSTBOX), "the case without postbox says so");
        assertFalse(with.asNormalizedText().contains(NO_POSTBOX), "the case with postbox does not");
    }

    private HtmlPage openCase(String reference) throws Exception {
        Officer officer = new Officer(browser, server);
        HtmlPage cases = browser.getPage(server.adminUrl("/cases"));
        if (!cases.getUrl().getPath().equals("/cases")) {
            cases = officer.login();
        }
        return officer.openCase(cases, reference);
    }

    private String messagesPath(String reference) {
        return "/cases/" + SampleReports.caseId(server, reference) + "/messages";
    }
}
