package org.sealbox.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Hybrid encryption of content to a recipient's X25519 public key, bound to associated data such
 * as the id of the database row that stores it.
 *
 * <p>Layout, version 1:
 * <pre>
 *   offset 0   version byte 0x01
 *   offset 1   crypto_box_seal(recipient public key, data key) (80 bytes: 32-byte key + 48)
 *   offset 81  Aead box: nonce (24) || XChaCha20-Poly1305 ciphertext of the padded plaintext || tag (16)
 * </pre>
 * The data key is 32 fresh random bytes per envelope. The plaintext is padded with
 * {@link Padding} to a multiple of 256 bytes before encryption, so an envelope reveals only how
 * many 256-byte blocks the content fills. The AEAD associated data is the UTF-8 encoding of
 * {@code "sealbox/v1|" + associatedData}, so an envelope copied to another row fails to open.
 *
 * <p>Sealing needs only the recipient's public key, so the server can seal new content on its own.
 * Opening needs the recipient's private key, so a server that stores only the public key (and the
 * private key only in password-wrapped form, see {@link PasswordWrap}) cannot open envelopes.
 *
 * <p>Thread-safe.
 */
public final class Envelope {

    /** Version byte at offset 0 of every envelope this class writes. */
    public static final byte VERSION = 0x01;

    private static final int DATA_KEY_BYTES = Aead.KEY_BYTES;
    private static final int SEALED_KEY_BYTES = DATA_KEY_BYTES + SealedBox.OVERHEAD_BYTES;
    private static final int HEADER_BYTES = 1 + SEALED_KEY_BYTES;
    private static final String AD_PREFIX = "sealbox/v1|";

    private Envelope() {
    }

    /**
     * Encrypts {@code plaintext} so that only the holder of the matching private key can read it,
     * and only when the same {@code associatedData} is given.
     *
     * @throws IllegalArgumentException if the public key is not 32 bytes or libsodium rejects it
     */
    public static byte[] seal(byte[] recipientPublicKey, byte[] plaintext, String associatedData) {
        Objects.requireNonNull(recipientPublicKey, "recipientPublicKey");
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] ad = associatedDataBytes(associatedData);

        byte[] padded = Padding.pad(plaintext, Padding.DEFAULT_BLOCK_SIZE);
        try (SecretBytes dataKey = SecretBytes.random(DATA_KEY_BYTES)) {
            byte[] sealedKey = SealedBox.seal(recipientPublicKey, dataKey.bytes());
            byte[] body = Aead.encrypt(dataKey, padded, ad);

            byte[] envelope = new byte[HEADER_BYTES + body.length];
            envelope[0] = VERSION;
            System.arraycopy(sealedKey, 0, envelope, 1, SEALED_KEY_BYTES);
            System.arraycopy(body, 0, envelope, HEADER_BYTES, body.length);
            return envelope;
        } finally {
            Arrays.fill(padded, (byte) 0);
        }
    }

    /**
     * Decrypts an envelope made by {@link #seal} and returns the original plaintext.
     *
     * @throws DecryptionException   if the version is unknown, any byte was changed, removed or
     *                               added, the envelope was sealed to another key, or
     *                               {@code associatedData} differs from the one used to seal
     * @throws IllegalStateException if the recipient's private key has been wiped
     */
    public static byte[] open(BoxKeyPair recipient, byte[] envelope, String associatedData)
            throws DecryptionException {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(envelope, "envelope");
        byte[] ad = associatedDataBytes(associatedData);
        if (envelope.length < HEADER_BYTES + Aead.OVERHEAD_BYTES || envelope[0] != VERSION) {
            throw new DecryptionException();
        }

        byte[] sealedKey = Arrays.copyOfRange(envelope, 1, HEADER_BYTES);
        byte[] body = Arrays.copyOfRange(envelope, HEADER_BYTES, envelope.length);
        try (SecretBytes dataKey = SealedBox.open(recipient, sealedKey);
             SecretBytes padded = Aead.decrypt(dataKey, body, ad)) {
            return Padding.unpad(padded.bytes(), Padding.DEFAULT_BLOCK_SIZE);
        }
    }

    private static byte[] associatedDataBytes(String associatedData) {
        Objects.requireNonNull(associatedData, "associatedData");
        return (AD_PREFIX + associatedData).getBytes(StandardCharsets.UTF_8);
    }
}
