package org.sealbox.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AeadTest {

    private static final byte[] AD = "case-42".getBytes(StandardCharsets.UTF_8);

    private final SecretBytes key = SecretBytes.random(32);

    @Test
    void roundTripVariousLengths() throws DecryptionException {
        for (int length : new int[] {0, 1, 100, 70_000}) {
            byte[] plaintext = TamperSupport.counting(length);
            byte[] box = Aead.encrypt(key, plaintext, AD);
            assertEquals(24 + length + 16, box.length, "box length for " + length);
            assertArrayEquals(plaintext, Aead.decrypt(key, box, AD).bytes(), "round trip for " + length);
        }
    }

    @Test
    void nullAssociatedDataEqualsEmpty() throws DecryptionException {
        byte[] box = Aead.encrypt(key, "x".getBytes(StandardCharsets.UTF_8), null);
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), Aead.decrypt(key, box, new byte[0]).bytes());
    }

    @Test
    void nonceIsFreshEachTime() {
        byte[] a = Aead.encrypt(key, new byte[16], AD);
        byte[] b = Aead.encrypt(key, new byte[16], AD);
        assertFalse(Arrays.equals(Arrays.copyOf(a, 24), Arrays.copyOf(b, 24)), "nonces repeated");
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void everyBitFlipRejected() {
        byte[] box = Aead.encrypt(key, TamperSupport.counting(100), AD);
        TamperSupport.assertBitFlipsRejected(box, TamperSupport.allPositions(box),
                candidate -> Aead.decrypt(key, candidate, AD));
    }

    @Test
    void truncationAndExtensionRejected() {
        byte[] box = Aead.encrypt(key, TamperSupport.counting(100), AD);
        TamperSupport.assertTruncationAndExtensionRejected(box, candidate -> Aead.decrypt(key, candidate, AD));
        assertThrows(DecryptionException.class, () -> Aead.decrypt(key, new byte[39], AD));
    }

    @Test
    void swappedAssociatedDataRejected() {
        byte[] box = Aead.encrypt(key, "report".getBytes(StandardCharsets.UTF_8), AD);
        assertThrows(DecryptionException.class,
                () -> Aead.decrypt(key, box, "case-43".getBytes(StandardCharsets.UTF_8)));
        assertThrows(DecryptionException.class, () -> Aead.decrypt(key, box, null));
    }

    @Test
    void boxesSwappedBetweenRecordsRejected() {
        byte[] adA = "row-a".getBytes(StandardCharsets.UTF_8);
        byte[] adB = "row-b".getBytes(StandardCharsets.UTF_8);
        byte[] boxA = Aead.encrypt(key, "A".getBytes(StandardCharsets.UTF_8), adA);
        byte[] boxB = Aead.encrypt(key, "B".getBytes(StandardCharsets.UTF_8), adB);
        assertThrows(DecryptionException.class, () -> Aead.decrypt(key, boxA, adB));
        assertThrows(DecryptionException.class, () -> Aead.decrypt(key, boxB, adA));
    }

    @Test
    void wrongKeyRejected() {
        byte[] box = Aead.encrypt(key, "report".getBytes(StandardCharsets.UTF_8), AD);
        assertThrows(DecryptionException.class, () -> Aead.decrypt(SecretBytes.random(32), box, AD));
    }

    @Test
    void wrongKeyLengthIsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Aead.encrypt(SecretBytes.random(16), new byte[1], AD));
        assertThrows(IllegalArgumentException.class, () -> Aead.decrypt(SecretBytes.random(31), new byte[64], AD));
    }

    @Test
    void wipedKeyIsIllegalState() {
        SecretBytes wiped = SecretBytes.random(32);
        wiped.wipe();
        assertThrows(IllegalStateException.class, () -> Aead.encrypt(wiped, new byte[1], AD));
    }
}
