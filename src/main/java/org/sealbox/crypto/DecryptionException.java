package org.sealbox.crypto;

/**
 * Thrown when ciphertext cannot be decrypted: wrong key or password, wrong associated data,
 * tampering, truncation, extra bytes or a malformed layout.
 *
 * <p>The message is always {@code "decryption failed"} and there is no cause, so that the
 * exception never reveals to an attacker which check failed.
 */
public class DecryptionException extends Exception {

    /** Creates the exception with the fixed message {@code "decryption failed"}. */
    public DecryptionException() {
        super("decryption failed");
    }
}
