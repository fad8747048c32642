package org.sealbox.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret byte array (key, seed or decrypted content) that can be zeroed when no longer needed.
 *
 * <p>The instance owns its array. {@link #wipe()} (or {@link #close()}) overwrites it with zeros,
 * after which {@link #bytes()} throws. {@link #toString()} never shows the content, and
 * {@code equals}/{@code hashCode} are identity-based so that secrets never end up as map keys by
 * value. Use {@link #sameAs(SecretBytes)} for a constant-time comparison.
 *
 * <p>NOTE: zeroing only clears this array. Copies made earlier (by the JVM when it moves objects,
 * or by code that copied {@link #bytes()}) are not reached.
 *
 * <p>Not thread-safe: do not wipe an instance while another thread still reads it.
 */
public final class SecretBytes implements AutoCloseable {

    private final byte[] bytes;
    private volatile boolean wiped;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Wraps {@code bytes} without copying. The new instance takes ownership: the caller must not
     * use or keep the array afterwards, because {@link #wipe()} zeroes it.
     */
    public static SecretBytes wrap(byte[] bytes) {
        return new SecretBytes(Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * Returns {@code n} fresh random bytes from libsodium's {@code randombytes_buf}.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static SecretBytes random(int n) {
        return new SecretBytes(Sodium.get().randomBytes(n));
    }

    /**
     * Returns the live backing array, not a copy. Writes to it change this secret, and
     * {@link #wipe()} zeroes it.
     *
     * @throws IllegalStateException if this instance has been wiped
     */
    public byte[] bytes() {
        checkNotWiped();
        return bytes;
    }

    /** Returns the length in bytes; still available after {@link #wipe()}. */
    public int length() {
        return bytes.length;
    }

    /** Overwrites the content with zeros. Calling it again has no effect. */
    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
        wiped = true;
    }

    /** Returns whether {@link #wipe()} or {@link #close()} has been called. */
    public boolean isWiped() {
        return wiped;
    }

    /**
     * Compares the content with {@code other} in time that depends only on the lengths.
     * Secrets of different lengths are never the same.
     *
     * @throws IllegalStateException if either instance has been wiped
     */
    public boolean sameAs(SecretBytes other) {
        Objects.requireNonNull(other, "other");
        return MessageDigest.isEqual(bytes(), other.bytes());
    }

    /** Same as {@link #wipe()}. */
    @Override
    public void close() {
        wipe();
    }

    /** Returns {@code "[REDACTED]"}, so logging this object never shows the secret. */
    @Override
    public String toString() {
        return "[REDACTED]";
    }

    private void checkNotWiped() {
        if (wiped) {
            throw new IllegalStateException("Secret bytes have been wiped and can no longer be read");
        }
    }
}
