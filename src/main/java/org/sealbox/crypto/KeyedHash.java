package org.sealbox.crypto;

import java.util.Objects;

/**
 * Keyed BLAKE2b with libsodium's {@code crypto_generichash}: a 32-byte key and a 32-byte output.
 * Use it as a MAC or to derive lookup tokens that cannot be recomputed without the key.
 *
 * <p>Thread-safe.
 */
public final class KeyedHash {

    /** Length of the key, in bytes. */
    public static final int KEY_BYTES = 32;
    /** Length of the hash, in bytes. */
    public static final int HASH_BYTES = 32;

    private static final int LIBSODIUM_MIN_BYTES = 16;
    private static final int LIBSODIUM_MAX_BYTES = 64;

    private KeyedHash() {
    }

    /**
     * Returns the 32-byte keyed BLAKE2b hash of {@code message}.
     *
     * @throws IllegalArgumentException if the key is not 32 bytes
     * @throws IllegalStateException    if the key has been wiped
     */
    public static byte[] hash(SecretBytes key, byte[] message) {
        Objects.requireNonNull(key, "key");
        if (key.length() != KEY_BYTES) {
            throw new IllegalArgumentException("Hash key must be " + KEY_BYTES + " bytes, got " + key.length());
        }
        return hash(key.bytes(), message, HASH_BYTES);
    }

    /**
     * Returns the keyed BLAKE2b hash with any key and output length that libsodium allows
     * (16 to 64 bytes each). Package-private so that tests can run the 64-byte reference vectors.
     */
    static byte[] hash(byte[] key, byte[] message, int outputLength) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        checkLength("Key", key.length);
        checkLength("Output", outputLength);
        byte[] out = new byte[outputLength];
        if (!Sodium.get().lazySodium().cryptoGenericHash(out, outputLength, message, message.length, key, key.length)) {
            throw new IllegalStateException("crypto_generichash failed");
        }
        return out;
    }

    private static void checkLength(String name, int length) {
        if (length < LIBSODIUM_MIN_BYTES || length > LIBSODIUM_MAX_BYTES) {
            throw new IllegalArgumentException(name + " length must be " + LIBSODIUM_MIN_BYTES + " to "
                    + LIBSODIUM_MAX_BYTES + " bytes, got " + length);
        }
    }
}
