package org.sealbox.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encrypts a secret under a password, for example an officer's private key.
 *
 * <p>The wrapping key is Argon2id(password, fresh 16-byte salt, params), 32 bytes, derived through
 * the given {@link PasswordKdf} so that its concurrency cap applies. The secret is encrypted with
 * {@link Aead} under that key with associated data UTF-8({@code "sealbox/wrap/v1|" +
 * associatedData}). The wrapping key is wiped before each method returns.
 *
 * <p>Thread-safe.
 */
public final class PasswordWrap {

    private static final String AD_PREFIX = "sealbox/wrap/v1|";

    private PasswordWrap() {
    }

    /**
     * Encrypts {@code secret} under {@code passwordUtf8} with a new random salt.
     *
     * @throws IllegalStateException if the secret has been wiped, or key derivation fails (see
     *                               {@link PasswordKdf#deriveKey})
     */
    public static WrappedKey wrap(PasswordKdf kdf, SecretBytes secret, byte[] passwordUtf8,
                                  KdfParams params, String associatedData) {
        Objects.requireNonNull(kdf, "kdf");
        Objects.requireNonNull(secret, "secret");
        byte[] ad = associatedDataBytes(associatedData);
        byte[] salt = PasswordKdf.newSalt();
        try (SecretBytes wrappingKey = kdf.deriveKey(passwordUtf8, salt, params)) {
            byte[] ciphertext = Aead.encrypt(wrappingKey, secret.bytes(), ad);
            return new WrappedKey(salt, params, ciphertext);
        }
    }

    /**
     * Decrypts a secret wrapped by {@link #wrap}.
     *
     * @throws DecryptionException   if the password or {@code associatedData} is wrong, or any
     *                               component was modified
     * @throws IllegalStateException if key derivation fails (see {@link PasswordKdf#deriveKey})
     */
    public static SecretBytes unwrap(PasswordKdf kdf, WrappedKey wrapped, byte[] passwordUtf8,
                                     String associatedData) throws DecryptionException {
        Objects.requireNonNull(kdf, "kdf");
        Objects.requireNonNull(wrapped, "wrapped");
        byte[] ad = associatedDataBytes(associatedData);
        try (SecretBytes wrappingKey = kdf.deriveKey(passwordUtf8, wrapped.salt(), wrapped.params())) {
            return Aead.decrypt(wrappingKey, wrapped.ciphertext(), ad);
        }
    }

    /**
     * Derives the wrapping key for a password, salt and parameters, so that several secrets
     * wrapped under the same password and salt open with a single Argon2id run. The caller wipes
     * the key.
     *
     * @throws IllegalStateException if key derivation fails (see {@link PasswordKdf#deriveKey})
     */
    public static SecretBytes deriveKey(PasswordKdf kdf, byte[] passwordUtf8, byte[] salt, KdfParams params) {
        Objects.requireNonNull(kdf, "kdf");
        return kdf.deriveKey(passwordUtf8, salt, params);
    }

    /**
     * Encrypts {@code secret} under a key from {@link #deriveKey}, with the same associated data
     * prefix as {@link #wrap}, and returns the {@link Aead} box.
     */
    public static byte[] encrypt(SecretBytes wrappingKey, SecretBytes secret, String associatedData) {
        Objects.requireNonNull(secret, "secret");
        return Aead.encrypt(wrappingKey, secret.bytes(), associatedDataBytes(associatedData));
    }

    /**
     * Decrypts a box made by {@link #encrypt}, or the ciphertext of a {@link WrappedKey}, with the
     * wrapping key that {@link #deriveKey} returned for its password and salt.
     *
     * @throws DecryptionException if the key or {@code associatedData} is wrong, or the box was modified
     */
    public static SecretBytes decrypt(SecretBytes wrappingKey, byte[] box, String associatedData)
            throws DecryptionException {
        return Aead.decrypt(wrappingKey, box, associatedDataBytes(associatedData));
    }

    private static byte[] associatedDataBytes(String associatedData) {
        Objects.requireNonNull(associatedData, "associatedData");
        return (AD_PREFIX + associatedData).getBytes(StandardCharsets.UTF_8);
    }
}
