package org.sealbox.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeyedHashTest {

    /**
     * Keyed known-answer vectors from the BLAKE2 reference repository (github.com/BLAKE2/BLAKE2),
     * file testvectors/blake2-kat.h, array blake2b_keyed_kat. Entry i hashes the i bytes
     * 00 01 .. (i-1) under the 64-byte key 00 01 .. 3f with 64-byte output.
     */
    @Test
    void blake2bKeyedReferenceVectors() {
        byte[] key = TamperSupport.counting(64);
        String[][] vectors = {
                {"0", "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
                        + "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568"},
                {"1", "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4"
                        + "187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd"},
                {"2", "da2cfbe2d8409a0f38026113884f84b50156371ae304c4430173d08a99d9fb1b"
                        + "983164a3770706d537f49e0c916d9f32b95cc37a95b99d857436f0232c88a965"},
                {"3", "33d0825dddf7ada99b0e7e307104ad07ca9cfd9692214f1561356315e784f3e5"
                        + "a17e364ae9dbb14cb2036df932b77f4b292761365fb328de7afdc6d8998f5fc1"},
                {"16", "a0c65bddde8adef57282b04b11e7bc8aab105b99231b750c021f4a735cb1bcfa"
                        + "b87553bba3abb0c3e64a0b6955285185a0bd35fb8cfde557329bebb1f629ee93"},
        };
        for (String[] vector : vectors) {
            int length = Integer.parseInt(vector[0]);
            byte[] actual = KeyedHash.hash(key, TamperSupport.counting(length), 64);
            assertEquals(vector[1], TamperSupport.hex(actual), "blake2b_keyed_kat entry " + length);
        }
    }

    @Test
    void publicApiGives32BytesDeterministically() {
        SecretBytes key = SecretBytes.random(32);
        byte[] message = "reporter@example.org".getBytes(StandardCharsets.UTF_8);
        byte[] first = KeyedHash.hash(key, message);
        assertEquals(32, first.length);
        assertArrayEquals(first, KeyedHash.hash(key, message));
    }

    @Test
    void publicApiMatchesGenericHashWith32ByteKey() {
        byte[] rawKey = TamperSupport.counting(32);
        byte[] message = TamperSupport.counting(100);
        assertArrayEquals(KeyedHash.hash(rawKey.clone(), message, 32),
                KeyedHash.hash(SecretBytes.wrap(rawKey), message));
    }

    @Test
    void hashDependsOnKeyAndMessage() {
        SecretBytes key = SecretBytes.random(32);
        byte[] base = KeyedHash.hash(key, new byte[] {1});
        assertFalse(java.util.Arrays.equals(base, KeyedHash.hash(SecretBytes.random(32), new byte[] {1})), "key");
        assertFalse(java.util.Arrays.equals(base, KeyedHash.hash(key, new byte[] {2})), "message");
    }

    @Test
    void invalidLengthsRejected() {
        assertThrows(IllegalArgumentException.class, () -> KeyedHash.hash(SecretBytes.random(16), new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> KeyedHash.hash(new byte[15], new byte[1], 32));
        assertThrows(IllegalArgumentException.class, () -> KeyedHash.hash(new byte[32], new byte[1], 65));
    }
}
