package org.sealbox.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * Authenticated encryption with XChaCha20-Poly1305 (IETF variant) under a 32-byte secret key.
 *
 * <p>Layout of a box, 40 bytes longer than the plaintext:
 * <pre>
 *   nonce (24, random) || ciphertext (plaintext length) || Poly1305 tag (16)
 * </pre>
 * The nonce is drawn from {@code randombytes_buf} for every call. With 24-byte nonces, random
 * choice is safe for any realistic number of messages under one key, so callers never manage
 * nonces. The associated data is authenticated but not stored in the box, and the same bytes must
 * be given to {@link #decrypt}. {@code null} counts as empty.
 *
 * <p>Thread-safe.
 */
public final class Aead {

    /** Length of the key, in bytes. */
    public static final int KEY_BYTES = 32;
    /** Length of the nonce at the start of a box, in bytes. */
    public static final int NONCE_BYTES = 24;
    /** Length of the Poly1305 tag at the end of a box, in bytes. */
    public static final int TAG_BYTES = 16;
    /** Number of bytes a box adds to the plaintext. */
    public static final int OVERHEAD_BYTES = NONCE_BYTES + TAG_BYTES;

    private static final byte[] EMPTY = new byte[0];

    private Aead() {
    }

    /**
     * Encrypts {@code plaintext} under {@code key32} with a fresh random nonce.
     *
     * @throws IllegalArgumentException if the key is not 32 bytes
     * @throws IllegalStateException    if the key has been wiped
     */
    public static byte[] encrypt(SecretBytes key32, byte[] plaintext, byte[] associatedData) {
        byte[] key = checkKey(key32);
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] ad = associatedData == null ? EMPTY : associatedData;
        byte[] nonce = Sodium.get().randomBytes(NONCE_BYTES);

        byte[] sealed = new byte[plaintext.length + TAG_BYTES];
        long[] sealedLength = new long[1];
        boolean ok = Sodium.get().lazySodium().cryptoAeadXChaCha20Poly1305IetfEncrypt(
                sealed, sealedLength, plaintext, plaintext.length, ad, ad.length, null, nonce, key);
        if (!ok) {
            throw new IllegalStateException("crypto_aead_xchacha20poly1305_ietf_encrypt failed");
        }

        byte[] box = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, box, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, box, NONCE_BYTES, sealed.length);
        return box;
    }

    /**
     * Decrypts a box made by {@link #encrypt} and checks its tag.
     *
     * @throws DecryptionException      if the box is too short, was modified, or the key or
     *                                  associated data differ from those used to encrypt
     * @throws IllegalArgumentException if the key is not 32 bytes
     * @throws IllegalStateException    if the key has been wiped
     */
    public static SecretBytes decrypt(SecretBytes key32, byte[] box, byte[] associatedData)
            throws DecryptionException {
        byte[] key = checkKey(key32);
        Objects.requireNonNull(box, "box");
        byte[] ad = associatedData == null ? EMPTY : associatedData;
        if (box.length < OVERHEAD_BYTES) {
            throw new DecryptionException();
        }

        byte[] nonce = Arrays.copyOfRange(box, 0, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(box, NONCE_BYTES, box.length);
        byte[] plaintext = new byte[sealed.length - TAG_BYTES];
        long[] plaintextLength = new long[1];
        boolean ok = Sodium.get().lazySodium().cryptoAeadXChaCha20Poly1305IetfDecrypt(
                plaintext, plaintextLength, null, sealed, sealed.length, ad, ad.length, nonce, key);
        if (!ok) {
            Arrays.fill(plaintext, (byte) 0);
            throw new DecryptionException();
        }
        return SecretBytes.wrap(plaintext);
    }

    private static byte[] checkKey(SecretBytes key32) {
        Objects.requireNonNull(key32, "key32");
        if (key32.length() != KEY_BYTES) {
            throw new IllegalArgumentException("AEAD key must be " + KEY_BYTES + " bytes, got " + key32.length());
        }
        return key32.bytes();
    }
}
