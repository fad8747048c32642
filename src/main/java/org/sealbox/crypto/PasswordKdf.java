package org.sealbox.crypto;

import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id (v1.3) password-based key derivation with a cap on simultaneous derivations.
 *
 * <p>Each derivation allocates {@code memLimitBytes} of native memory for its whole run, so many
 * logins at once could exhaust memory. A fair {@link Semaphore} admits at most
 * {@code maxConcurrent} derivations, and further callers wait in arrival order. Peak memory for
 * derivations is therefore about {@code maxConcurrent × memLimitBytes}, for example 4 × 64 MiB =
 * 256 MiB with {@link KdfParams#INTERACTIVE}.
 *
 * <p>Share one instance across the application, since the cap applies per instance. Thread-safe.
 */
public final class PasswordKdf {

    /** Length of a salt, in bytes. */
    public static final int SALT_BYTES = 16;
    /** Length of a derived key, in bytes. */
    public static final int KEY_BYTES = 32;

    private final int maxConcurrent;
    private final Semaphore permits;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peakRunning = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong completed = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Creates a KDF that runs at most {@code maxConcurrent} derivations at once.
     *
     * @throws IllegalArgumentException if {@code maxConcurrent} is less than 1
     */
    public PasswordKdf(int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent, true);
    }

    /** Returns 16 fresh random bytes for use as a salt. */
    public static byte[] newSalt() {
        return Sodium.get().randomBytes(SALT_BYTES);
    }

    /**
     * Derives a 32-byte key from the password and salt with {@code crypto_pwhash} (Argon2id v1.3).
     * Waits for a permit first if {@code maxConcurrent} derivations are already running.
     * The same password, salt and parameters always give the same key.
     *
     * @param passwordUtf8 the password as UTF-8 bytes, neither modified nor kept
     * @param salt16       16 random bytes stored next to whatever the key protects
     * @throws IllegalArgumentException if the salt is not 16 bytes
     * @throws IllegalStateException    if the thread is interrupted while waiting (the interrupt
     *                                  flag is set again), or if {@code crypto_pwhash} fails,
     *                                  which in practice means it could not allocate the memory
     */
    public SecretBytes deriveKey(byte[] passwordUtf8, byte[] salt16, KdfParams params) {
        Objects.requireNonNull(passwordUtf8, "passwordUtf8");
        Objects.requireNonNull(salt16, "salt16");
        Objects.requireNonNull(params, "params");
        if (salt16.length != SALT_BYTES) {
            throw new IllegalArgumentException("Salt must be " + SALT_BYTES + " bytes, got " + salt16.length);
        }

        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to run a password key derivation", e);
        }
        try {
            int now = running.incrementAndGet();
            peakRunning.accumulateAndGet(now, Math::max);
            SecretBytes key = SecretBytes.wrap(Argon2id.derive(passwordUtf8, salt16, params, KEY_BYTES));
            completed.incrementAndGet();
            return key;
        } finally {
            running.decrementAndGet();
            permits.release();
        }
    }

    /** Returns the maximum number of derivations this instance runs at once. */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** Returns how many derivations have finished, for tests that check equal work per log-in. */
    public long derivationsCompleted() {
        return completed.get();
    }

    /** Returns the highest number of derivations that have run at the same time so far. */
    public int peakConcurrent() {
        return peakRunning.get();
    }
}
