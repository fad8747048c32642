package org.sealbox.onion;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Base32 as RFC 4648 section 6 defines it (alphabet {@code A-Z2-7}), without padding, which is
 * the form tor uses for onion addresses and client authorisation keys.
 *
 * <p>Written here because the runtime class path has no Base32 codec: commons-codec is only a
 * test dependency (through HtmlUnit), and the JDK has none.
 */
public final class Base32 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {
    }

    /** Encodes {@code data} in upper case without {@code =} padding: 8 characters per 5 bytes, rounded up. */
    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(ALPHABET.charAt((buffer >>> bits) & 0x1F));
            }
        }
        if (bits > 0) {
            // The last character carries the remaining bits in its high end, zero-filled.
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1F));
        }
        return out.toString();
    }

    /**
     * Decodes unpadded Base32 in either case.
     *
     * @throws IllegalArgumentException if {@code text} contains a character outside the alphabet
     *                                  (including {@code =}), has a length that no byte count
     *                                  encodes to, or has non-zero unused bits in its last character
     */
    public static byte[] decode(String text) {
        int remainder = text.length() % 8;
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException("Invalid Base32 length " + text.length()
                    + ": no byte count encodes to it");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            int value = ALPHABET.indexOf(upper.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("Invalid Base32 character '" + text.charAt(i)
                        + "' at position " + i + ": expected A-Z or 2-7");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >>> bits) & 0xFF);
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            // Each byte string has exactly one encoding, so any other text is rejected, not rounded.
            throw new IllegalArgumentException("Invalid Base32: the unused bits of the last character are not zero");
        }
        return out.toByteArray();
    }
}
