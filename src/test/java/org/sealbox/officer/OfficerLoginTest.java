package org.sealbox.officer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Officer log-in, log-out and session expiry on the admin listener, checked on the raw responses
 * so that statuses, cookies and redirects are seen exactly as a browser gets them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficerLoginTest {

    private static final String COOKIE = "sealbox_admin";

    @TempDir
    static Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private TestServer server;
    private int port;

    /** A failed log-in: the response, and the session cookie and CSRF token it was sent with. */
    record Attempt(RawHttp.Response response, String cookieValue, String csrf) {
    }

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
        port = server.app().adminPort();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void wrongPasswordAndUnknownUserMatch() throws Exception {
        Attempt wrongPassword = attempt(TestServer.OFFICER, "not the right password");
        Attempt unknownUser = attempt("nobody-by-this-name", "not the right password");

        assertEquals(401, wrongPassword.response().status());
        assertEquals(401, unknownUser.response().status());
        assertEquals(wrongPassword.response().setCookies().keySet(), unknownUser.response().setCookies().keySet());
        assertEquals(normalised(wrongPassword, TestServer.OFFICER), normalised(unknownUser, "nobody-by-this-name"));
        assertTrue(wrongPassword.response().text().contains("The username, password or code is wrong."));
    }

    @Test
    void failedLoginKeepsSession() throws Exception {
        Attempt failed = attempt(TestServer.OFFICER, "not the right password");

        assertEquals(Optional.empty(), failed.response().header("Set-Cookie"));
        assertEquals(failed.csrf(), failed.response().csrf());
    }

    @Test
    void sessionIdChangesAtLogin() throws Exception {
        RawHttp.Response page = RawHttp.get(port, "/login");
        String before = page.setCookies().get(COOKIE);

        RawHttp.Response result = RawHttp.postForm(port, "/login", Map.of("Cookie", COOKIE + "=" + before),
                Map.of("csrf", page.csrf(), "username", TestServer.OFFICER, "password", TestServer.OFFICER_PASSWORD,
                        "code", server.totpCode(TestServer.OFFICER)));
        String after = result.setCookies().get(COOKIE);

        assertEquals(303, result.status());
        assertEquals(Optional.of("/cases"), result.header("Location"));
        assertFalse(after == null || after.isEmpty(), "no new session cookie: " + result.all("Set-Cookie"));
        assertNotEquals(before, after);
        assertEquals(200, RawHttp.get(port, "/cases", Map.of("Cookie", COOKIE + "=" + after)).status());
        assertEquals(Optional.of("/login"),
                RawHttp.get(port, "/cases", Map.of("Cookie", COOKIE + "=" + before)).header("Location"));
    }

    @Test
    void logoutEndsSession() throws Exception {
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String csrf = RawHttp.get(port, "/cases", Map.of("Cookie", cookie)).csrf();

        RawHttp.Response logout = RawHttp.postForm(port, "/logout", Map.of("Cookie", cookie), Map.of("csrf", csrf));
        RawHttp.Response cases = RawHttp.get(port, "/cases", Map.of("Cookie", cookie));

        assertEquals(303, logout.status());
        assertEquals(Optional.of("/login"), logout.header("Location"));
        assertEquals(303, cases.status());
        assertEquals(Optional.of("/login"), cases.header("Location"));
    }

    @Test
    void logoutTellsBrowserToDropCookie() throws Exception {
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String csrf = RawHttp.get(port, "/cases", Map.of("Cookie", cookie)).csrf();

        RawHttp.Response logout = RawHttp.postForm(port, "/logout", Map.of("Cookie", cookie), Map.of("csrf", csrf));
        String dropped = logout.setCookieLine(COOKIE).orElse("");

        assertTrue(dropped.startsWith(COOKIE + "=;"), "cookie value not cleared: " + dropped);
        assertTrue(expiresNow(dropped), "the cookie does not expire: " + dropped);
    }

    @Test
    void logoutWithoutCsrfKeepsSession() throws Exception {
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);

        RawHttp.Response withoutToken = RawHttp.postForm(port, "/logout", Map.of("Cookie", cookie), Map.of());
        RawHttp.Response wrongToken = RawHttp.postForm(port, "/logout", Map.of("Cookie", cookie),
                Map.of("csrf", "not-the-token"));
        RawHttp.Response cases = RawHttp.get(port, "/cases", Map.of("Cookie", cookie));

        assertEquals(303, withoutToken.status());
        assertEquals(Optional.empty(), withoutToken.header("Set-Cookie"));
        assertEquals(Optional.empty(), wrongToken.header("Set-Cookie"));
        assertEquals(200, cases.status());
        assertTrue(cases.text().contains("Signed in as " + TestServer.OFFICER), cases.text());
    }

    @Test
    void idleSessionExpires() throws Exception {
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        clock.advance(Duration.ofMinutes(19));
        RawHttp.Response stillIn = RawHttp.get(port, "/cases", Map.of("Cookie", cookie));

        clock.advance(Duration.ofMinutes(21));
        RawHttp.Response expired = RawHttp.get(port, "/cases", Map.of("Cookie", cookie));

        assertEquals(200, stillIn.status());
        assertEquals(303, expired.status());
        assertEquals(Optional.of("/login"), expired.header("Location"));
    }

    @Test
    void activeSessionEndsAfterAbsoluteLimit() throws Exception {
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        for (int step = 0; step < 31; step++) {
            clock.advance(Duration.ofMinutes(15));
            assertEquals(200, RawHttp.get(port, "/cases", Map.of("Cookie", cookie)).status(),
                    "signed out after " + (step + 1) * 15 + " minutes of activity");
        }

        clock.advance(Duration.ofMinutes(31));
        RawHttp.Response expired = RawHttp.get(port, "/cases", Map.of("Cookie", cookie));

        assertEquals(303, expired.status());
        assertEquals(Optional.of("/login"), expired.header("Location"));
    }

    @Test
    void expiredSessionLoginFormAsksAgain() throws Exception {
        RawHttp.Response page = RawHttp.get(port, "/login");
        String cookie = COOKIE + "=" + page.setCookies().get(COOKIE);
        clock.advance(Duration.ofMinutes(21));

        RawHttp.Response result = RawHttp.postForm(port, "/login", Map.of("Cookie", cookie),
                Map.of("csrf", page.csrf(), "username", TestServer.OFFICER, "password", TestServer.OFFICER_PASSWORD,
                        "code", server.totpCode(TestServer.OFFICER)));

        assertEquals(200, result.status());
        assertTrue(result.text().contains("Your session had ended. Please log in again."), result.text());
        assertEquals(Optional.empty(), result.header("Location"));
    }

    /** Checks whether a Set-Cookie line makes the browser delete the cookie: Max-Age=0 or an Expires date in the past. */
    private static boolean expiresNow(String setCookie) {
        for (String attribute : setCookie.split(";")) {
            String[] pair = attribute.strip().split("=", 2);
            String name = pair[0].toLowerCase(Locale.ROOT);
            if (name.equals("max-age") && pair.length == 2 && Long.parseLong(pair[1].strip()) <= 0) {
                return true;
            }
            if (name.equals("expires") && pair.length == 2) {
                Instant expires = ZonedDateTime.parse(pair[1].strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                if (expires.isBefore(Instant.now())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Opens the log-in page in a new session and sends the form with these credentials. */
    private Attempt attempt(String username, String password) throws Exception {
        RawHttp.Response page = RawHttp.get(port, "/login");
        String cookieValue = page.setCookies().get(COOKIE);
        RawHttp.Response result = RawHttp.postForm(port, "/login", Map.of("Cookie", COOKIE + "=" + cookieValue),
                Map.of("csrf", page.csrf(), "username", username, "password", password));
        return new Attempt(result, cookieValue, page.csrf());
    }

    /** Returns the page with the parts that must differ (CSRF token, typed username) replaced by placeholders. */
    private static String normalised(Attempt attempt, String username) {
        return attempt.response().text()
                .replace(attempt.csrf(), "CSRF")
                .replace("value=\"" + username + "\"", "value=\"USERNAME\"");
    }
}
