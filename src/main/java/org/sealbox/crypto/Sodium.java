package org.sealbox.crypto;

import com.goterl.lazysodium.LazySodiumJava;
import com.goterl.lazysodium.SodiumJava;

import java.nio.charset.StandardCharsets;

/**
 * Process-wide holder of the loaded libsodium binding, plus its random number generator.
 *
 * <p>Loading the native library is slow (on the order of 100 ms), so it happens once, on the first
 * call to {@link #get()}. If loading fails, the failure is remembered and every later call throws an
 * {@link IllegalStateException} with the same cause instead of retrying.
 *
 * <p>Thread-safe.
 */
public final class Sodium {

    private static final Object LOCK = new Object();

    private static volatile Sodium instance;
    private static volatile Throwable loadFailure;

    private final LazySodiumJava lazySodium;

    private Sodium(LazySodiumJava lazySodium) {
        this.lazySodium = lazySodium;
    }

    /**
     * Returns the shared instance, loading libsodium on the first call.
     *
     * @throws IllegalStateException if libsodium could not be loaded or initialized, with a message that
     *                               names the cause
     */
    public static Sodium get() {
        Sodium loaded = instance;
        if (loaded != null) {
            return loaded;
        }
        synchronized (LOCK) {
            if (instance == null && loadFailure == null) {
                try {
                    instance = new Sodium(load());
                } catch (RuntimeException | LinkageError e) {
                    loadFailure = e;
                }
            }
            if (loadFailure != null) {
                throw loadFailedException(loadFailure);
            }
            return instance;
        }
    }

    /** Returns the lazysodium-java binding. Use its byte[] ("Native") methods. */
    public LazySodiumJava lazySodium() {
        return lazySodium;
    }

    /**
     * Returns {@code n} bytes from libsodium's {@code randombytes_buf}, the operating system's
     * cryptographically secure generator.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public byte[] randomBytes(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Random byte count must not be negative, got " + n);
        }
        byte[] out = new byte[n];
        if (n > 0) {
            lazySodium.getSodium().randombytes_buf(out, n);
        }
        return out;
    }

    /**
     * Returns a uniformly distributed random int from 0 (inclusive) to {@code upperBound}
     * (exclusive), using libsodium's {@code randombytes_uniform}, which avoids modulo bias.
     *
     * @throws IllegalArgumentException if {@code upperBound} is less than 1
     */
    public int randomUniform(int upperBound) {
        if (upperBound < 1) {
            throw new IllegalArgumentException("Upper bound must be at least 1, got " + upperBound);
        }
        // randombytes_uniform returns a uint32_t, so keep only the low 32 bits of the mapped long.
        long value = lazySodium.getSodium().randombytes_uniform(upperBound) & 0xFFFF_FFFFL;
        return (int) value;
    }

    /** Builds the exception thrown when loading failed, naming the cause in its message. */
    static IllegalStateException loadFailedException(Throwable cause) {
        return new IllegalStateException(
                "libsodium could not be loaded: " + cause.getClass().getName() + ": " + cause.getMessage()
                        + ". Install libsodium (Debian package libsodium23) or run on a platform for which"
                        + " lazysodium-java bundles the library.",
                cause);
    }

    private static LazySodiumJava load() {
        LazySodiumJava sodium = new LazySodiumJava(new SodiumJava(), StandardCharsets.UTF_8);
        // sodium_init returns 0 on first initialization, 1 if already initialized, -1 on failure.
        int status = sodium.getSodium().sodium_init();
        if (status < 0) {
            throw new IllegalStateException("sodium_init() returned " + status);
        }
        return sodium;
    }
}
