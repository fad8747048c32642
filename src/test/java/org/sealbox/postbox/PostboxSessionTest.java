package org.sealbox.postbox;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Officer;
import org.sealbox.testing.PostboxUser;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sealbox.postbox.PostboxSteps.STRONG_PASSWORD;

/**
 * The postbox session: a new id at log-in, the idle and absolute timeouts with the default
 * settings (20 minutes, 8 hours), log-out, and a reply typed into a session that has ended.
 * The absolute-timeout test runs last because it moves the clock by hours.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostboxSessionTest {

    private static final String PSEUDONYM = "Amber Finch 12";
    private static final Duration PAST_IDLE = Duration.ofMinutes(21);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    /** Starts at the real time: the draft sweep compares file times on disk with this clock. */
    private final MutableClock clock = new MutableClock(Instant.now());
    private TestServer server;
    private String reference;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
        reference = PostboxSteps.reportWithPostbox(server, "A laptop with payroll data was left on a train.", null,
                PSEUDONYM, STRONG_PASSWORD);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    @Order(1)
    void loginIssuesNewSessionId() throws Exception {
        RawHttp.PublicSession before = RawHttp.passChallenge(server.app().publicPort());

        RawHttp.Response login = PostboxSteps.login(server, before, PSEUDONYM, STRONG_PASSWORD);

        assertEquals(303, login.status(), login.text());
        String after = login.setCookies().getOrDefault("sealbox", "");
        assertFalse(after.isEmpty(), "log-in sets a session cookie: " + login.all("Set-Cookie"));
        assertNotEquals(before.cookie(), "sealbox=" + after, "the session id changes at log-in");
        RawHttp.Response oldId = PostboxSteps.getPublic(server, "/postbox/inbox", before.cookie());
        assertEquals(303, oldId.status(), "the id from before log-in opens no inbox");
        assertEquals("/postbox", oldId.header("Location").orElse(""));
        assertEquals(200, PostboxSteps.getPublic(server, "/postbox/inbox", "sealbox=" + after).status(),
                "the new id opens the inbox");
    }

    @Test
    @Order(2)
    void idleSessionEnds() throws Exception {
        String cookie = PostboxSteps.loggedInCookie(server, PSEUDONYM, STRONG_PASSWORD);

        clock.advance(Duration.ofMinutes(19));
        RawHttp.Response stillOpen = PostboxSteps.getPublic(server, "/postbox/inbox", cookie);
        clock.advance(PAST_IDLE);
        RawHttp.Response ended = PostboxSteps.getPublic(server, "/postbox/inbox", cookie);

        assertEquals(200, stillOpen.status(), "19 idle minutes keep the session");
        assertEquals(303, ended.status(), "21 idle minutes end the session");
        assertEquals("/postbox", ended.header("Location").orElse(""), "the inbox sends to the log-in page");
    }

    @Test
    @Order(3)
    void logoutEndsSessionUncached() throws Exception {
        String cookie = PostboxSteps.loggedInCookie(server, PSEUDONYM, STRONG_PASSWORD);
        RawHttp.Response inbox = PostboxSteps.getPublic(server, "/postbox/inbox", cookie);

        RawHttp.Response logout = RawHttp.postForm(server.app().publicPort(), "/postbox/logout",
                Map.of("Cookie", cookie), Map.of("csrf", inbox.csrf()));
        RawHttp.Response afterLogout = PostboxSteps.getPublic(server, "/postbox/inbox", cookie);

        assertEquals(200, inbox.status(), "the inbox opens before log-out");
        assertEquals("no-store", inbox.header("Cache-Control").orElse(""), "the inbox is not cached");
        assertEquals(200, logout.status(), logout.text());
        assertTrue(logout.text().contains("You are logged out."), logout.text());
        assertEquals("no-store", logout.header("Cache-Control").orElse(""), "the log-out answer is not cached");
        assertEquals("", logout.setCookies().getOrDefault("sealbox", "missing"), "log-out clears the cookie");
        assertEquals(303, afterLogout.status(), "the inbox needs a new log-in");
        assertEquals("/postbox", afterLogout.header("Location").orElse(""));
        assertEquals("no-store", afterLogout.header("Cache-Control").orElse(""), "the redirect is not cached");
    }

    @Test
    @Order(4)
    void staleLogoutFormNeverClaimsLogout() throws Exception {
        try (WebClient browser = TestServer.browser()) {
            PostboxUser user = new PostboxUser(browser, server);
            HtmlPage staleInbox = user.login(PSEUDONYM, STRONG_PASSWORD);
            clock.advance(PAST_IDLE);
            HtmlPage freshInbox = user.login(PSEUDONYM, STRONG_PASSWORD);
            assertEquals("/postbox/inbox", freshInbox.getUrl().getPath(), freshInbox.asNormalizedText());

            HtmlPage afterStale = PostboxUser.logout(staleInbox);

            assertFalse(afterStale.asNormalizedText().contains("You are logged out."),
                    "an old page's log-out form does not claim a log-out");
            assertEquals("/postbox/inbox", afterStale.getUrl().getPath(), "the still open inbox is shown");
            HtmlPage loggedOut = PostboxUser.logout(afterStale);
            assertTrue(loggedOut.asNormalizedText().contains("You are logged out."), loggedOut.asNormalizedText());
            HtmlPage inboxAgain = browser.getPage(server.publicUrl("/postbox/inbox"));
            assertEquals("/postbox", inboxAgain.getUrl().getPath(), "the inbox's own log-out form ends the session");
        }
    }

    @Test
    @Order(5)
    void expiredReplyKeptThroughLogin() throws Exception {
        byte[] content = "mail log of 3 May, 14:02".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = Files.write(uploads.resolve("mail-log.txt"), content);
        String text = "The list went to all 400 staff.\nIt was sent twice.";
        int before = PostboxSteps.messageCount(server, reference);

        try (WebClient browser = TestServer.browser()) {
            HtmlPage inbox = new PostboxUser(browser, server).login(PSEUDONYM, STRONG_PASSWORD);
            assertEquals("/postbox/inbox", inbox.getUrl().getPath(), inbox.asNormalizedText());
            clock.advance(PAST_IDLE);

            HtmlPage login = PostboxUser.reply(inbox, text, file);

            assertEquals("/postbox/reply", login.getUrl().getPath(), "the reply POST answers with the log-in page");
            assertTrue(login.asNormalizedText().contains("Your session had ended"), login.asNormalizedText());
            HtmlForm form = Reporter.formWith(login, "pseudonym");
            assertEquals(text, form.getInputByName("reply").getValue(), "the text travels in a hidden field");
            assertEquals("hidden", form.getInputByName("reply").getTypeAttribute());
            assertEquals("mail-log.txt", form.getInputByName("attachment.name").getValue(), "the file travels along");
            assertFalse(form.getInputByName("attachment.id").getValue().isEmpty(), "the file's draft id travels along");
            assertEquals(before, PostboxSteps.messageCount(server, reference), "nothing stored without a session");

            HtmlPage mistyped = PostboxUser.submitLogin(login, PSEUDONYM, "mistyped " + STRONG_PASSWORD);
            assertEquals(401, mistyped.getWebResponse().getStatusCode(), "a mistyped password fails");
            assertEquals(text, Reporter.formWith(mistyped, "pseudonym").getInputByName("reply").getValue(),
                    "the text survives a failed log-in");

            HtmlPage again = PostboxUser.submitLogin(mistyped, PSEUDONYM, STRONG_PASSWORD);

            assertEquals("/postbox/inbox", again.getUrl().getPath(), again.asNormalizedText());
            assertEquals(text, ((HtmlTextArea) again.getElementById("reply-input")).getText(), "the text is filled in");
            assertTrue(again.asNormalizedText().contains("mail-log.txt"), "the file is still attached");
            HtmlForm reply = Reporter.formWith(again, "reply");
            assertEquals("mail-log.txt", reply.getInputByName("attachment.name").getValue());

            HtmlPage sent = Reporter.submit(reply, null);

            assertTrue(sent.asNormalizedText().contains("Your answer was sent."), sent.asNormalizedText());
            assertEquals(before + 1, PostboxSteps.messageCount(server, reference), "one message stored");
        }

        try (WebClient officerBrowser = TestServer.browser()) {
            Officer officer = new Officer(officerBrowser, server);
            HtmlPage casePage = officer.openCase(officer.login(), reference);
            assertTrue(casePage.asNormalizedText().contains("It was sent twice."), "the officer reads the reply");
            byte[] downloaded;
            try (InputStream in = officer.download(casePage, "mail-log.txt").getWebResponse().getContentAsStream()) {
                downloaded = in.readAllBytes();
            }
            assertArrayEquals(content, downloaded, "the officer downloads the file unchanged");
        }
    }

    @Test
    @Order(6)
    void absoluteTimeoutEndsBusySession() throws Exception {
        String cookie = PostboxSteps.loggedInCookie(server, PSEUDONYM, STRONG_PASSWORD);
        Duration step = Duration.ofMinutes(19);
        Duration elapsed = Duration.ZERO;
        List<Integer> statuses = new ArrayList<>();
        while (elapsed.plus(step).compareTo(Duration.ofHours(8)) <= 0) {
            clock.advance(step);
            elapsed = elapsed.plus(step);
            statuses.add(PostboxSteps.getPublic(server, "/postbox/inbox", cookie).status());
        }

        clock.advance(Duration.ofHours(8).minus(elapsed).plusMinutes(1));
        RawHttp.Response ended = PostboxSteps.getPublic(server, "/postbox/inbox", cookie);

        assertTrue(statuses.stream().allMatch(status -> status == 200), "a request every 19 minutes keeps it: " + statuses);
        assertEquals(303, ended.status(), "8 hours after log-in the session ends despite activity");
        assertEquals("/postbox", ended.header("Location").orElse(""));
    }
}
