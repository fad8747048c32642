package org.sealbox.onion;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Base32Test {

    /** RFC 4648 section 10 test vectors, with the '=' padding removed as tor writes Base32. */
    @ParameterizedTest
    @CsvSource(value = {
            "'',''",
            "f,MY",
            "fo,MZXQ",
            "foo,MZXW6",
            "foob,MZXW6YQ",
            "fooba,MZXW6YTB",
            "foobar,MZXW6YTBOI"
    })
    void rfc4648Vectors(String input, String expected) {
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);

        assertEquals(expected, Base32.encode(bytes));
        assertArrayEquals(bytes, Base32.decode(expected));
        assertArrayEquals(bytes, Base32.decode(expected.toLowerCase()));
    }

    @Test
    void thirtyTwoBytesGiveFiftyTwoCharacters() {
        assertEquals(52, Base32.encode(new byte[32]).length());
        assertEquals("A".repeat(52), Base32.encode(new byte[32]));
    }

    /** Cross-check with Apache Commons Codec (a test dependency through HtmlUnit) on random input. */
    @Test
    void matchesCommonsCodec() {
        Random random = new Random(4648);
        org.apache.commons.codec.binary.Base32 codec = new org.apache.commons.codec.binary.Base32();
        for (int length = 0; length <= 70; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);

            String expected = codec.encodeAsString(data).replace("=", "");

            assertEquals(expected, Base32.encode(data), "length " + length);
            assertArrayEquals(data, Base32.decode(expected), "length " + length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MY======", "M1", "MZXW6YQ8", "M", "MZX", "MZXW6Y"})
    void decodeRejectsInvalidText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode(text));
    }

    /** "MZ" has bits left over after "f"; only "MY" is the encoding of "f". */
    @Test
    void decodeRejectsNonZeroUnusedBits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZ"));

        assertEquals("Invalid Base32: the unused bits of the last character are not zero", e.getMessage());
    }
}
