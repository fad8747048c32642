package org.sealbox.officer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Log-in needs the password and a TOTP code that has not been used. Failures look the same
 * whatever was wrong. Repeated failures are throttled per account and across accounts.
 */
class TotpLoginTest {

    private static final String COOKIE = "sealbox_admin";
    private static final String FAILED = "The username, password or code is wrong.";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:10Z"));
    private TestServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
        port = server.app().adminPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void usedCodeRefused() throws Exception {
        String code = server.totpCode(TestServer.OFFICER);

        RawHttp.Response first = attempt(TestServer.OFFICER, TestServer.OFFICER_PASSWORD, code);
        RawHttp.Response replay = attempt(TestServer.OFFICER, TestServer.OFFICER_PASSWORD, code);

        assertEquals(303, first.status(), first.text());
        assertEquals(401, replay.status());
        assertTrue(replay.text().contains(FAILED), replay.text());
    }

    @Test
    void olderCodeRefusedAfterNewer() throws Exception {
        String older = server.totpCode(TestServer.OFFICER);
        clock.advance(Duration.ofSeconds(30));
        String newer = server.totpCode(TestServer.OFFICER);

        assertEquals(303, attempt(TestServer.OFFICER, TestServer.OFFICER_PASSWORD, newer).status());
        assertEquals(401, attempt(TestServer.OFFICER, TestServer.OFFICER_PASSWORD, older).status());
    }

    @Test
    void wrongCodeRefused() throws Exception {
        String right = server.totpCode(TestServer.OFFICER);
        String wrong = right.equals("123456") ? "654321" : "123456";

        RawHttp.Response response = attempt(TestServer.OFFICER, TestServer.OFFICER_PASSWORD, wrong);

        assertEquals(401, response.status());
        assertTrue(response.text().contains(FAILED), response.text());
        assertEquals(303, attempt(TestServer.OFFICER, TestServer.OFFICER_PASSWORD, right).status(),
                "a failed code used up the step");
    }

    @Test
    void missingCodeRefused() throws Exception {
        RawHttp.Response page = RawHttp.get(port, "/login");
        RawHttp.Response response = RawHttp.postForm(port, "/login", Map.of("Cookie", COOKIE + "=" + page.setCookies().get(COOKIE)),
                Map.of("csrf", page.csrf(), "username", TestServer.OFFICER, "password", TestServer.OFFICER_PASSWORD));

        assertEquals(401, response.status());
    }

    @Test
    void codeFromOtherStepsRefused() throws Exception {
        String now = server.totpCode(TestServer.OFFICER);
        clock.advance(Duration.ofSeconds(90));

        RawHttp.Response late = attempt(TestServer.OFFICER, TestServer.OFFICER_PASSWORD, now);

        assertEquals(401, late.status());
    }

    @Test
    void failuresLookTheSame() throws Exception {
        String code = server.totpCode(TestServer.OFFICER);
        String wrongCode = code.equals("123456") ? "654321" : "123456";

        RawHttp.Response wrongPassword = attempt(TestServer.OFFICER, "not the right password", code);
        RawHttp.Response badCode = attempt(TestServer.OFFICER, TestServer.OFFICER_PASSWORD, wrongCode);
        RawHttp.Response unknown = attempt("nobody-here", TestServer.OFFICER_PASSWORD, code);

        assertEquals(401, wrongPassword.status());
        assertEquals(401, badCode.status());
        assertEquals(401, unknown.status());
        assertEquals(errorText(wrongPassword), errorText(badCode));
        assertEquals(errorText(wrongPassword), errorText(unknown));
    }

    @Test
    void accountThrottledAfterFailures() throws Exception {
        // Three attempts are free and the fourth is allowed at once; after it the account waits 2 s.
        for (int i = 0; i < 4; i++) {
            assertEquals(401, attempt(TestServer.OFFICER, "wrong guess " + i, "000000").status());
        }

        RawHttp.Response throttled = attempt(TestServer.OFFICER, TestServer.OFFICER_PASSWORD,
                server.totpCode(TestServer.OFFICER));
        RawHttp.Response otherAccount = attempt("someone-else", "a guess for another account", "000000");

        assertEquals(429, throttled.status());
        assertTrue(throttled.text().contains("Too many attempts."), throttled.text());
        assertEquals(401, otherAccount.status(), "the throttle of one account blocked another");

        clock.advance(Duration.ofSeconds(3));
        assertEquals(303, attempt(TestServer.OFFICER, TestServer.OFFICER_PASSWORD,
                server.totpCode(TestServer.OFFICER)).status());
    }

    @Test
    void allAccountsThrottledAfterManyFailures() throws Exception {
        // Thirty failures are free and the 31st attempt is allowed at once; after it everyone waits 1 s.
        for (int i = 0; i < 31; i++) {
            assertEquals(401, attempt("guessed-name-" + i, "some password " + i, "000000").status());
        }

        RawHttp.Response throttled = attempt(TestServer.OFFICER, TestServer.OFFICER_PASSWORD,
                server.totpCode(TestServer.OFFICER));

        assertEquals(429, throttled.status());
    }

    @Test
    void deactivatedOfficerCannotLogIn() throws Exception {
        server.createOfficer("dora", "dora has a long password", Role.OFFICER);
        String admin = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        long dora = AccountSteps.officerId(server, "dora");

        RawHttp.Response deactivated = RawHttp.postForm(port, "/officers/" + dora + "/deactivate",
                Map.of("Cookie", admin), Map.of("csrf", AccountSteps.csrf(server, admin), "confirm", "yes"));
        RawHttp.Response login = attempt("dora", "dora has a long password", server.totpCode("dora"));

        assertEquals(303, deactivated.status(), deactivated.text());
        assertEquals(401, login.status());
        assertTrue(login.text().contains(FAILED), login.text());
    }

    @Test
    void newSessionAtLogin() throws Exception {
        RawHttp.Response page = RawHttp.get(port, "/login");
        String before = page.setCookies().get(COOKIE);

        RawHttp.Response result = RawHttp.postForm(port, "/login", Map.of("Cookie", COOKIE + "=" + before),
                Map.of("csrf", page.csrf(), "username", TestServer.OFFICER, "password", TestServer.OFFICER_PASSWORD,
                        "code", server.totpCode(TestServer.OFFICER)));

        assertEquals(303, result.status());
        assertNotEquals(before, result.setCookies().get(COOKIE));
    }

    /** Opens the log-in page in a new session and sends the form. */
    private RawHttp.Response attempt(String username, String password, String code) throws Exception {
        RawHttp.Response page = RawHttp.get(port, "/login");
        return RawHttp.postForm(port, "/login", Map.of("Cookie", COOKIE + "=" + page.setCookies().get(COOKIE)),
                Map.of("csrf", page.csrf(), "username", username, "password", password, "code", code));
    }

    /** Returns the error summary of a log-in page. */
    private static String errorText(RawHttp.Response response) {
        String text = response.text();
        int start = text.indexOf("<div class=\"error-summary\"");
        return text.substring(start, text.indexOf("</div>", start));
    }
}
