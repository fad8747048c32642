package org.sealbox.postbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Throttles password guessing per account and globally, since behind Tor there are no client
 * addresses to tell guessers apart.
 *
 * <p>An attempt is counted as a failure when it starts ({@link #acquire}) and forgiven when it
 * succeeds ({@link #succeeded}). Counting before the slow password check means that parallel
 * attempts cannot all slip through before the first failure is recorded. After the free attempts
 * of a policy, each further attempt must wait twice as long as the one before, up to the policy's
 * maximum; a counter is forgotten when no attempt came for {@code forgetAfter}. Thread-safe: every
 * decision is taken under one lock, and no slow work runs under it.
 */
public final class LoginThrottle {

    /** How many attempts are free, and how the delay after them grows and fades. */
    public record Policy(int freeAttempts, Duration baseDelay, Duration maxDelay, Duration forgetAfter) {

        Duration delayAfter(int failures) {
            if (failures <= freeAttempts) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - freeAttempts - 1, 30);
            Duration delay = baseDelay.multipliedBy(1L << doublings);
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    /** Per account: 3 free attempts, then 2 s, 4 s, 8 s ... up to 15 minutes; forgotten after a day. */
    public static final Policy PER_ACCOUNT = new Policy(3, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofDays(1));
    /** All accounts together: 30 free failures, then 1 s doubling up to 1 minute; forgotten after 10 minutes. */
    public static final Policy GLOBAL = new Policy(30, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10));

    private static final int MAX_TRACKED = 100_000;

    /** Either the attempt may go ahead, or the time from which it may be tried again. */
    public sealed interface Decision {
    }

    public record Allowed() implements Decision {
    }

    public record Denied(Instant retryAt) implements Decision {
    }

    private static final class Counter {
        int failures;
        Instant lastAttempt = Instant.MIN;
        Instant nextAllowed = Instant.MIN;
    }

    private final Clock clock;
    private final Policy perAccount;
    private final Policy global;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Counter> accounts = new HashMap<>();
    private final Counter all = new Counter();

    public LoginThrottle(Clock clock, Policy perAccount, Policy global) {
        this.clock = clock;
        this.perAccount = perAccount;
        this.global = global;
    }

    /**
     * Decides whether an attempt for {@code account} may run now, and counts it as a failure if so.
     * {@code account} is an opaque key such as a lookup hash, never a pseudonym.
     */
    public Decision acquire(String account) {
        Instant now = clock.instant();
        lock.lock();
        try {
            Counter counter = accounts.get(account);
            if (counter == null) {
                if (accounts.size() >= MAX_TRACKED) {
                    forgetOld(now);
                }
                counter = new Counter();
                accounts.put(account, counter);
            }
            fade(counter, perAccount, now);
            fade(all, global, now);
            Instant retryAt = later(counter.nextAllowed, all.nextAllowed);
            if (now.isBefore(retryAt)) {
                return new Denied(retryAt);
            }
            count(counter, perAccount, now);
            count(all, global, now);
            return new Allowed();
        } finally {
            lock.unlock();
        }
    }

    /** Forgives the attempt that just succeeded: the account starts afresh, the global count drops by one. */
    public void succeeded(String account) {
        lock.lock();
        try {
            accounts.remove(account);
            if (all.failures > 0) {
                all.failures--;
                all.nextAllowed = all.lastAttempt.plus(global.delayAfter(all.failures));
            }
        } finally {
            lock.unlock();
        }
    }

    private static void count(Counter counter, Policy policy, Instant now) {
        counter.failures++;
        counter.lastAttempt = now;
        counter.nextAllowed = now.plus(policy.delayAfter(counter.failures));
    }

    private static void fade(Counter counter, Policy policy, Instant now) {
        if (counter.failures > 0 && !now.isBefore(counter.lastAttempt.plus(policy.forgetAfter()))) {
            counter.failures = 0;
            counter.nextAllowed = Instant.MIN;
        }
    }

    private void forgetOld(Instant now) {
        accounts.values().removeIf(counter -> !now.isBefore(counter.lastAttempt.plus(perAccount.forgetAfter())));
        if (accounts.size() >= MAX_TRACKED) {
            // Still full: drop the counters with the fewest failures rather than grow without bound.
            accounts.values().removeIf(counter -> counter.failures <= perAccount.freeAttempts());
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
