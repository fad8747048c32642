package org.sealbox.postbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.sealbox.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, LoginThrottle.PER_ACCOUNT,
            new LoginThrottle.Policy(1000, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10)));

    @Test
    void freeAttemptsThenGrowingDelay() {
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(LoginThrottle.Allowed.class, throttle.acquire("a"), "attempt " + (i + 1));
        }
        var denied = assertInstanceOf(LoginThrottle.Denied.class, throttle.acquire("a"));
        assertEquals(clock.instant().plusSeconds(2), denied.retryAt());

        clock.advance(Duration.ofSeconds(2));
        assertInstanceOf(LoginThrottle.Allowed.class, throttle.acquire("a"));
        var longer = assertInstanceOf(LoginThrottle.Denied.class, throttle.acquire("a"));
        assertEquals(clock.instant().plusSeconds(4), longer.retryAt());
    }

    @Test
    void delayCappedAtMaximum() {
        for (int i = 0; i < 40; i++) {
            throttle.acquire("a");
            clock.advance(Duration.ofMinutes(16));
        }
        throttle.acquire("a");

        var denied = assertInstanceOf(LoginThrottle.Denied.class, throttle.acquire("a"));
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), denied.retryAt());
    }

    @Test
    void otherAccountsUnaffected() {
        for (int i = 0; i < 5; i++) {
            throttle.acquire("a");
        }

        assertInstanceOf(LoginThrottle.Denied.class, throttle.acquire("a"));
        assertInstanceOf(LoginThrottle.Allowed.class, throttle.acquire("b"));
    }

    @Test
    void successResetsAccount() {
        for (int i = 0; i < 4; i++) {
            throttle.acquire("a");
        }
        throttle.succeeded("a");

        for (int i = 0; i < 4; i++) {
            assertInstanceOf(LoginThrottle.Allowed.class, throttle.acquire("a"));
        }
    }

    @Test
    void countersForgottenAfterADay() {
        for (int i = 0; i < 10; i++) {
            throttle.acquire("a");
            clock.advance(Duration.ofMinutes(20));
        }
        clock.advance(Duration.ofDays(1));

        for (int i = 0; i < 4; i++) {
            assertInstanceOf(LoginThrottle.Allowed.class, throttle.acquire("a"));
        }
    }

    @Test
    void globalLimitCoversAllAccounts() {
        LoginThrottle strict = new LoginThrottle(clock, LoginThrottle.PER_ACCOUNT,
                new LoginThrottle.Policy(5, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10)));
        for (int i = 0; i < 6; i++) {
            assertInstanceOf(LoginThrottle.Allowed.class, strict.acquire("account-" + i));
        }

        var denied = assertInstanceOf(LoginThrottle.Denied.class, strict.acquire("fresh-account"));
        assertEquals(clock.instant().plusSeconds(1), denied.retryAt());
        clock.advance(Duration.ofMinutes(10));
        assertInstanceOf(LoginThrottle.Allowed.class, strict.acquire("fresh-account"), "the global delay lifts by itself");
    }

    @Test
    void parallelAttemptsCannotBypass() throws Exception {
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LoginThrottle.Decision>> decisions = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                decisions.add(pool.submit(() -> {
                    start.await();
                    return throttle.acquire("target");
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<LoginThrottle.Decision> decision : decisions) {
                if (decision.get() instanceof LoginThrottle.Allowed) {
                    allowed++;
                }
            }
            assertEquals(4, allowed, "3 free attempts plus the one that starts the first delay");
        }
    }
}
