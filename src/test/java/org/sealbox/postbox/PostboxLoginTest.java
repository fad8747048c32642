package org.sealbox.postbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sealbox.postbox.PostboxSteps.STRONG_PASSWORD;

/**
 * Postbox log-in over raw HTTP, in sessions that have passed the security question: failures
 * that do not distinguish an unknown pseudonym from a wrong password, and the throttle as a reporter
 * meets it, with its retry time on the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostboxLoginTest {

    private static final String PSEUDONYM = "Quiet Otter 31";
    private static final Pattern RETRY_TIME = Pattern.compile("wait until (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}) \\(UTC\\)");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @TempDir
    static java.nio.file.Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.now());
    private TestServer server;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
        PostboxSteps.reportWithPostbox(server, "A laptop with payroll data was left on a train.", null,
                PSEUDONYM, STRONG_PASSWORD);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** Lets every throttle counter of earlier tests fade: per account after a day, globally after 10 minutes. */
    @BeforeEach
    void forgetEarlierAttempts() {
        clock.advance(Duration.ofDays(1).plusMinutes(1));
    }

    @Test
    void unknownPseudonymLooksLikeWrongPassword() throws Exception {
        RawHttp.Response unknown = PostboxSteps.login(server, challengePassed(), "Nobody Here 42", STRONG_PASSWORD);
        RawHttp.Response wrong = PostboxSteps.login(server, challengePassed(), PSEUDONYM, "wrong horse battery staple");
        RawHttp.Response invalid = PostboxSteps.login(server, challengePassed(), "ab", STRONG_PASSWORD);

        assertEquals(401, unknown.status(), "status for an unknown pseudonym");
        assertEquals(401, wrong.status(), "status for a wrong password");
        assertEquals(401, invalid.status(), "status for an invalid pseudonym");
        assertTrue(wrong.text().contains("The pseudonym or the password is wrong."), wrong.text());
        assertEquals(comparable(wrong.text()), comparable(unknown.text()), "page for unknown pseudonym and wrong password");
        assertEquals(comparable(wrong.text()), comparable(invalid.text()), "page for invalid pseudonym and wrong password");
        assertEquals(cookieShapes(wrong), cookieShapes(unknown), "Set-Cookie for unknown pseudonym and wrong password");
        assertEquals(cookieShapes(wrong), cookieShapes(invalid), "Set-Cookie for invalid pseudonym and wrong password");
        assertEquals(headerNames(wrong), headerNames(unknown), "header names for unknown pseudonym and wrong password");
    }

    @Test
    void throttledPageNamesRetryTime() throws Exception {
        RawHttp.PublicSession session = challengePassed();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(PostboxSteps.login(server, session, PSEUDONYM, "wrong guess number " + i).status());
        }
        Instant lastFailure = clock.instant();

        RawHttp.Response throttled = PostboxSteps.login(server, session, PSEUDONYM, "wrong guess again");
        RawHttp.Response rightTooEarly = PostboxSteps.login(server, session, PSEUDONYM, STRONG_PASSWORD);

        assertEquals(List.of(401, 401, 401, 401), statuses, "3 free attempts and the one that starts the delay");
        assertEquals(429, throttled.status(), "status of the throttled attempt");
        Matcher time = RETRY_TIME.matcher(throttled.text());
        assertTrue(time.find(), "the page names a time to try again:\n" + throttled.text());
        Instant retryShown = LocalDateTime.parse(time.group(1), MINUTES).toInstant(ZoneOffset.UTC);
        Instant retryAt = lastFailure.plusSeconds(2);
        assertFalse(retryShown.isBefore(retryAt), "shown time " + retryShown + " is not before " + retryAt);
        assertTrue(retryShown.isBefore(retryAt.plusSeconds(60)), "shown time " + retryShown + " is within a minute of " + retryAt);
        assertEquals(429, rightTooEarly.status(), "the right password is refused while throttled");
        assertTrue(rightTooEarly.setCookies().isEmpty(), "no new session for a refused right password");

        clock.advance(Duration.ofMinutes(1));
        RawHttp.Response later = PostboxSteps.login(server, session, PSEUDONYM, STRONG_PASSWORD);
        assertEquals(303, later.status(), "the right password works after the retry time");
        assertEquals("/postbox/inbox", later.header("Location").orElse(""));
    }

    @Test
    void parallelGuessesStayWithinBudget() throws Exception {
        int threads = 10;
        List<RawHttp.PublicSession> sessions = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            sessions.add(challengePassed());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (RawHttp.PublicSession session : sessions) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return PostboxSteps.login(server, session, PSEUDONYM, "parallel wrong guess").status();
                }));
            }
            start.countDown();
            int unauthorized = 0;
            int throttled = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status == 401) {
                    unauthorized++;
                } else if (status == 429) {
                    throttled++;
                }
            }

            assertEquals(4, unauthorized, "password checks run: 3 free attempts and the one that starts the delay");
            assertEquals(threads - 4, throttled, "attempts refused by the throttle");
        }
        RawHttp.Response right = PostboxSteps.login(server, sessions.getFirst(), PSEUDONYM, STRONG_PASSWORD);
        assertEquals(429, right.status(), "the right password waits too");
    }

    @Test
    void globalBudgetCoversAllPseudonyms() throws Exception {
        RawHttp.PublicSession session = challengePassed();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            statuses.add(PostboxSteps.login(server, session, "unknown guess " + i, "some password " + i).status());
        }

        RawHttp.Response right = PostboxSteps.login(server, session, PSEUDONYM, STRONG_PASSWORD);

        assertTrue(statuses.stream().allMatch(status -> status == 401), "30 free failures and one more: " + statuses);
        assertEquals(429, right.status(), "a fresh pseudonym waits once the global budget is spent");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(303, PostboxSteps.login(server, session, PSEUDONYM, STRONG_PASSWORD).status(),
                "the global delay lifts by itself");
    }

    private RawHttp.PublicSession challengePassed() throws Exception {
        return RawHttp.passChallenge(server.app().publicPort());
    }

    /**
     * The page without what differs between any two sessions or typed pseudonyms: the CSRF
     * token, the echoed pseudonym, and the security question's image version and digits.
     */
    private static String comparable(String html) {
        return html.replaceAll("name=\"csrf\" value=\"[^\"]*\"", "name=\"csrf\" value=\"TOKEN\"")
                .replaceAll("(<input id=\"pseudonym\"[^>]*value=\")[^\"]*\"", "$1TYPED\"")
                .replaceAll("challenge\\.png\\?v=[^\"]*", "challenge.png?v=VERSION")
                .replaceAll("The digits are: [a-z, ]+\\.", "The digits are: DIGITS.");
    }

    /** Returns each {@code Set-Cookie} header as its name and attributes, without the value. */
    private static Set<String> cookieShapes(RawHttp.Response response) {
        Set<String> shapes = new TreeSet<>();
        for (String line : response.all("Set-Cookie")) {
            String[] parts = line.split(";", 2);
            String name = parts[0].substring(0, parts[0].indexOf('=')).strip();
            shapes.add(name + (parts.length > 1 ? ";" + parts[1] : ""));
        }
        return shapes;
    }

    private static Set<String> headerNames(RawHttp.Response response) {
        Set<String> names = new TreeSet<>();
        for (Map.Entry<String, String> header : response.headers()) {
            names.add(header.getKey().toLowerCase(java.util.Locale.ROOT));
        }
        return names;
    }
}
