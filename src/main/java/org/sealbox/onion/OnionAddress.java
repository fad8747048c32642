package org.sealbox.onion;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A version 3 onion address, kept as its 56-character label without {@code .onion}, in lower case.
 *
 * <p>Layout (Tor rend-spec-v3, "Encoding onion addresses"): the label is the Base32 encoding of
 * {@code PUBKEY (32 bytes, ed25519) | CHECKSUM (2 bytes) | VERSION (1 byte, 0x03)}, where
 * {@code CHECKSUM} is the first two bytes of {@code SHA3-256(".onion checksum" | PUBKEY | VERSION)}.
 * Parsing checks the checksum, so a mistyped address is rejected instead of being written into
 * a configuration file.
 *
 * @param label the 56 lower-case Base32 characters before {@code .onion}
 */
public record OnionAddress(String label) {

    /** Characters in a version 3 label. */
    public static final int LABEL_CHARS = 56;

    private static final Pattern LABEL = Pattern.compile("[a-z2-7]{" + LABEL_CHARS + "}");
    private static final byte VERSION = 3;
    private static final int PUBLIC_KEY_BYTES = 32;
    private static final byte[] CHECKSUM_PREFIX = ".onion checksum".getBytes(StandardCharsets.US_ASCII);

    public OnionAddress {
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("Invalid onion address label: expected " + LABEL_CHARS
                    + " lower-case Base32 characters (a-z, 2-7)");
        }
    }

    /**
     * Parses an address given with or without {@code .onion}, in any case, with surrounding
     * white space removed.
     *
     * @throws IllegalArgumentException naming what is wrong: length, characters, version or checksum
     */
    public static OnionAddress parse(String text) {
        String label = text.strip().toLowerCase(Locale.ROOT);
        if (label.endsWith(".onion")) {
            label = label.substring(0, label.length() - ".onion".length());
        }
        if (label.length() != LABEL_CHARS) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a version 3 onion address: expected "
                    + LABEL_CHARS + " characters before .onion, got " + label.length());
        }
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a version 3 onion address: only the"
                    + " letters a-z and the digits 2-7 may appear before .onion");
        }
        byte[] decoded = Base32.decode(label);
        byte[] publicKey = Arrays.copyOf(decoded, PUBLIC_KEY_BYTES);
        if (decoded[decoded.length - 1] != VERSION) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a version 3 onion address: its version"
                    + " byte is " + decoded[decoded.length - 1]);
        }
        byte[] checksum = Arrays.copyOfRange(decoded, PUBLIC_KEY_BYTES, PUBLIC_KEY_BYTES + 2);
        if (!MessageDigest.isEqual(checksum, checksum(publicKey))) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a valid onion address: its checksum"
                    + " does not match, so a character is probably mistyped");
        }
        return new OnionAddress(label);
    }

    /** Builds the address of the onion service whose 32-byte ed25519 identity key is {@code publicKey}. */
    public static OnionAddress fromPublicKey(byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("An onion service key is " + PUBLIC_KEY_BYTES + " bytes, got "
                    + publicKey.length);
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream(PUBLIC_KEY_BYTES + 3);
        raw.writeBytes(publicKey);
        raw.writeBytes(checksum(publicKey));
        raw.write(VERSION);
        return new OnionAddress(Base32.encode(raw.toByteArray()).toLowerCase(Locale.ROOT));
    }

    /** Returns the host name, the label followed by {@code .onion}. */
    public String host() {
        return label + ".onion";
    }

    private static byte[] checksum(byte[] publicKey) {
        try {
            MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
            sha3.update(CHECKSUM_PREFIX);
            sha3.update(publicKey);
            sha3.update(VERSION);
            return Arrays.copyOf(sha3.digest(), 2);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime since 9 must provide SHA3-256.
            throw new IllegalStateException("SHA3-256 is not available in this Java runtime", e);
        }
    }
}
