package org.sealbox.crypto;

import java.util.HexFormat;
import java.util.Objects;

/**
 * An X25519 key pair for {@link SealedBox} and {@link Envelope}.
 *
 * <p>Layout: the public key is 32 bytes (a Curve25519 u-coordinate), the private key is the
 * 32-byte scalar, exactly as libsodium's {@code crypto_box_keypair} produces them.
 *
 * <p>The pair owns its private key: {@link #wipe()} or {@link #close()} zeroes it. Not thread-safe
 * for a wipe that runs while another thread still uses the pair.
 */
public final class BoxKeyPair implements AutoCloseable {

    /** Length of the public and of the private key, in bytes. */
    public static final int KEY_BYTES = 32;

    private final byte[] publicKey;
    private final SecretBytes privateKey;

    private BoxKeyPair(byte[] publicKey, SecretBytes privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** Generates a new random key pair with {@code crypto_box_keypair}. */
    public static BoxKeyPair generate() {
        byte[] publicKey = new byte[KEY_BYTES];
        byte[] privateKey = new byte[KEY_BYTES];
        if (!Sodium.get().lazySodium().cryptoBoxKeypair(publicKey, privateKey)) {
            throw new IllegalStateException("crypto_box_keypair failed");
        }
        return new BoxKeyPair(publicKey, SecretBytes.wrap(privateKey));
    }

    /**
     * Rebuilds the pair from its private key, deriving the public key with
     * {@code crypto_scalarmult_base}. The pair takes ownership of {@code privateKey}, so wiping the
     * pair wipes it.
     *
     * @throws IllegalArgumentException if the key is not 32 bytes
     * @throws IllegalStateException    if the key has been wiped
     */
    public static BoxKeyPair fromPrivateKey(SecretBytes privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey.length() != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "Private key must be " + KEY_BYTES + " bytes, got " + privateKey.length());
        }
        byte[] publicKey = new byte[KEY_BYTES];
        if (!Sodium.get().lazySodium().cryptoScalarMultBase(publicKey, privateKey.bytes())) {
            throw new IllegalStateException("crypto_scalarmult_base failed");
        }
        return new BoxKeyPair(publicKey, privateKey);
    }

    /** Returns a copy of the 32-byte public key. Still available after {@link #wipe()}. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * Returns the pair's own private key, not a copy: wiping the returned object wipes the pair.
     */
    public SecretBytes privateKey() {
        return privateKey;
    }

    /** Zeroes the private key. Calling it again has no effect. */
    public void wipe() {
        privateKey.wipe();
    }

    /** Same as {@link #wipe()}. */
    @Override
    public void close() {
        wipe();
    }

    /** Returns whether the private key has been wiped. */
    public boolean isWiped() {
        return privateKey.isWiped();
    }

    /** Shows the public key in hex and hides the private key. */
    @Override
    public String toString() {
        return "BoxKeyPair[publicKey=" + HexFormat.of().formatHex(publicKey) + ", privateKey=[REDACTED]]";
    }
}
