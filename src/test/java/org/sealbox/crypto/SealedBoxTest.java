package org.sealbox.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SealedBoxTest {

    private final BoxKeyPair recipient = BoxKeyPair.generate();

    @Test
    void roundTripVariousLengths() throws DecryptionException {
        for (int length : new int[] {0, 1, 32, 1000}) {
            byte[] plaintext = TamperSupport.counting(length);
            byte[] box = SealedBox.seal(recipient.publicKey(), plaintext);
            assertEquals(length + 48, box.length, "sealed length for " + length);
            assertArrayEquals(plaintext, SealedBox.open(recipient, box).bytes(), "round trip for " + length);
        }
    }

    @Test
    void sealingTwiceGivesDifferentBoxes() {
        byte[] plaintext = "same".getBytes(StandardCharsets.UTF_8);
        byte[] a = SealedBox.seal(recipient.publicKey(), plaintext);
        byte[] b = SealedBox.seal(recipient.publicKey(), plaintext);
        assertFalse(java.util.Arrays.equals(a, b));
    }

    @Test
    void everyBitFlipRejected() {
        byte[] box = SealedBox.seal(recipient.publicKey(), "twenty bytes of text".getBytes(StandardCharsets.UTF_8));
        TamperSupport.assertBitFlipsRejected(box, TamperSupport.allPositions(box),
                candidate -> SealedBox.open(recipient, candidate));
    }

    @Test
    void truncationAndExtensionRejected() {
        byte[] box = SealedBox.seal(recipient.publicKey(), "some plaintext".getBytes(StandardCharsets.UTF_8));
        TamperSupport.assertTruncationAndExtensionRejected(box, candidate -> SealedBox.open(recipient, candidate));
        assertThrows(DecryptionException.class, () -> SealedBox.open(recipient, new byte[47]));
    }

    @Test
    void wrongKeyRejected() {
        byte[] box = SealedBox.seal(recipient.publicKey(), "secret".getBytes(StandardCharsets.UTF_8));
        BoxKeyPair other = BoxKeyPair.generate();
        assertThrows(DecryptionException.class, () -> SealedBox.open(other, box));
    }

    @Test
    void boxesSwappedBetweenRecipientsRejected() throws DecryptionException {
        BoxKeyPair other = BoxKeyPair.generate();
        byte[] forRecipient = SealedBox.seal(recipient.publicKey(), "a".getBytes(StandardCharsets.UTF_8));
        byte[] forOther = SealedBox.seal(other.publicKey(), "b".getBytes(StandardCharsets.UTF_8));

        assertThrows(DecryptionException.class, () -> SealedBox.open(recipient, forOther));
        assertThrows(DecryptionException.class, () -> SealedBox.open(other, forRecipient));
        assertArrayEquals("b".getBytes(StandardCharsets.UTF_8), SealedBox.open(other, forOther).bytes());
    }

    @Test
    void decryptionExceptionMessageIsTerse() {
        byte[] box = SealedBox.seal(recipient.publicKey(), new byte[10]);
        DecryptionException e = assertThrows(DecryptionException.class,
                () -> SealedBox.open(BoxKeyPair.generate(), box));
        assertEquals("decryption failed", e.getMessage());
    }

    @Test
    void invalidPublicKeyRejected() {
        assertThrows(IllegalArgumentException.class, () -> SealedBox.seal(new byte[31], new byte[1]));
        // The all-zero point has small order, so libsodium rejects it as a public key.
        assertThrows(IllegalArgumentException.class, () -> SealedBox.seal(new byte[32], new byte[1]));
    }

    @Test
    void wipedRecipientCannotOpen() {
        BoxKeyPair wiped = BoxKeyPair.generate();
        byte[] box = SealedBox.seal(wiped.publicKey(), new byte[1]);
        wiped.wipe();
        assertThrows(IllegalStateException.class, () -> SealedBox.open(wiped, box));
    }
}
