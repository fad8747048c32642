package org.sealbox.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret (typically a {@link BoxKeyPair} private key) encrypted under a key derived from a
 * password, as produced by {@link PasswordWrap#wrap}.
 *
 * <p>{@code ciphertext} is an {@link Aead} box: nonce (24) || XChaCha20-Poly1305 ciphertext ||
 * tag (16), encrypted under Argon2id(password, {@code salt}, {@code params}). Store all three
 * components. None of them is secret.
 *
 * <p>The record copies the arrays on construction and on access, and compares them by content.
 *
 * @param salt       the 16-byte Argon2id salt
 * @param params     the Argon2id cost parameters used for this wrap
 * @param ciphertext the {@link Aead} box holding the secret
 */
public record WrappedKey(byte[] salt, KdfParams params, byte[] ciphertext) {

    /**
     * Copies and checks the components.
     *
     * @throws IllegalArgumentException if the salt is not 16 bytes
     */
    public WrappedKey {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (salt.length != PasswordKdf.SALT_BYTES) {
            throw new IllegalArgumentException(
                    "Salt must be " + PasswordKdf.SALT_BYTES + " bytes, got " + salt.length);
        }
        salt = salt.clone();
        ciphertext = ciphertext.clone();
    }

    /** Returns a copy of the salt. */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** Returns a copy of the ciphertext. */
    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** Compares salt and ciphertext by content and the parameters by value. */
    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedKey that
                && Arrays.equals(salt, that.salt)
                && params.equals(that.params)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(salt) + params.hashCode()) + Arrays.hashCode(ciphertext);
    }

    /** Shows the parameters and the lengths of the byte arrays. */
    @Override
    public String toString() {
        return "WrappedKey[salt=" + salt.length + " bytes, params=" + params
                + ", ciphertext=" + ciphertext.length + " bytes]";
    }
}
