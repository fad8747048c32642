package org.sealbox.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * Anonymous public-key encryption with libsodium's {@code crypto_box_seal}.
 *
 * <p>Layout of a sealed box, 48 bytes longer than the plaintext:
 * <pre>
 *   ephemeral public key (32) || XSalsa20-Poly1305 ciphertext (plaintext length) || tag (16)
 * </pre>
 * Anyone with the recipient's public key can seal, but only the holder of the private key can open.
 * The sender stays anonymous and cannot open the box afterwards either.
 *
 * <p>Thread-safe.
 */
public final class SealedBox {

    /** Number of bytes a sealed box adds to the plaintext. */
    public static final int OVERHEAD_BYTES = 48;

    private SealedBox() {
    }

    /**
     * Encrypts {@code plaintext} to {@code recipientPublicKey}.
     *
     * @throws IllegalArgumentException if the public key is not 32 bytes or is a low-order point
     *                                  that libsodium rejects
     */
    public static byte[] seal(byte[] recipientPublicKey, byte[] plaintext) {
        Objects.requireNonNull(recipientPublicKey, "recipientPublicKey");
        Objects.requireNonNull(plaintext, "plaintext");
        if (recipientPublicKey.length != BoxKeyPair.KEY_BYTES) {
            throw new IllegalArgumentException("Recipient public key must be " + BoxKeyPair.KEY_BYTES
                    + " bytes, got " + recipientPublicKey.length);
        }
        byte[] sealed = new byte[plaintext.length + OVERHEAD_BYTES];
        if (!Sodium.get().lazySodium().cryptoBoxSeal(sealed, plaintext, plaintext.length, recipientPublicKey)) {
            throw new IllegalArgumentException("crypto_box_seal rejected the recipient public key");
        }
        return sealed;
    }

    /**
     * Decrypts a box made by {@link #seal}.
     *
     * @throws DecryptionException   if the box is too short, was modified or was sealed to another key
     * @throws IllegalStateException if the recipient's private key has been wiped
     */
    public static SecretBytes open(BoxKeyPair recipient, byte[] ciphertext) throws DecryptionException {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(ciphertext, "ciphertext");
        byte[] privateKey = recipient.privateKey().bytes();
        if (ciphertext.length < OVERHEAD_BYTES) {
            throw new DecryptionException();
        }
        byte[] plaintext = new byte[ciphertext.length - OVERHEAD_BYTES];
        boolean opened = Sodium.get().lazySodium().cryptoBoxSealOpen(
                plaintext, ciphertext, ciphertext.length, recipient.publicKey(), privateKey);
        if (!opened) {
            Arrays.fill(plaintext, (byte) 0);
            throw new DecryptionException();
        }
        return SecretBytes.wrap(plaintext);
    }
}
