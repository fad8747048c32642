package org.sealbox.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvelopeTest {

    private static final int HEADER = 1 + 80;
    private static final String ROW = "report/17/description";

    private final BoxKeyPair recipient = BoxKeyPair.generate();

    @Test
    void roundTripAndPaddedLength() throws DecryptionException {
        int[][] cases = {{0, 256}, {1, 256}, {255, 256}, {256, 512}, {1000, 1024}};
        for (int[] c : cases) {
            byte[] plaintext = TamperSupport.counting(c[0]);
            byte[] envelope = Envelope.seal(recipient.publicKey(), plaintext, ROW);
            assertEquals(HEADER + 24 + c[1] + 16, envelope.length, "envelope length for " + c[0]);
            assertEquals(0x01, envelope[0], "version byte");
            assertArrayEquals(plaintext, Envelope.open(recipient, envelope, ROW), "round trip for " + c[0]);
        }
    }

    @Test
    void sealNeedsOnlyThePublicKey() throws DecryptionException {
        byte[] publicKeyOnly = recipient.publicKey();
        byte[] envelope = Envelope.seal(publicKeyOnly, "from the server".getBytes(StandardCharsets.UTF_8), ROW);
        assertArrayEquals("from the server".getBytes(StandardCharsets.UTF_8), Envelope.open(recipient, envelope, ROW));
    }

    @Test
    void everyBitFlipInEveryRegionRejected() {
        byte[] envelope = Envelope.seal(recipient.publicKey(), "short report".getBytes(StandardCharsets.UTF_8), ROW);
        // Covers the version byte, the sealed data key, the AEAD nonce, ciphertext and tag.
        TamperSupport.assertBitFlipsRejected(envelope, TamperSupport.allPositions(envelope),
                candidate -> Envelope.open(recipient, candidate, ROW));
    }

    @Test
    void truncationAndExtensionRejected() {
        byte[] envelope = Envelope.seal(recipient.publicKey(), "report".getBytes(StandardCharsets.UTF_8), ROW);
        TamperSupport.assertTruncationAndExtensionRejected(envelope,
                candidate -> Envelope.open(recipient, candidate, ROW));
        assertThrows(DecryptionException.class,
                () -> Envelope.open(recipient, Arrays.copyOf(envelope, HEADER), ROW), "header only");
    }

    @Test
    void swappedAssociatedDataRejected() {
        byte[] envelope = Envelope.seal(recipient.publicKey(), "report".getBytes(StandardCharsets.UTF_8), ROW);
        assertThrows(DecryptionException.class, () -> Envelope.open(recipient, envelope, "report/18/description"));
        assertThrows(DecryptionException.class, () -> Envelope.open(recipient, envelope, ""));
    }

    @Test
    void envelopesSwappedBetweenRowsRejected() {
        byte[] rowA = Envelope.seal(recipient.publicKey(), "A".getBytes(StandardCharsets.UTF_8), "row/a");
        byte[] rowB = Envelope.seal(recipient.publicKey(), "B".getBytes(StandardCharsets.UTF_8), "row/b");
        assertThrows(DecryptionException.class, () -> Envelope.open(recipient, rowA, "row/b"));
        assertThrows(DecryptionException.class, () -> Envelope.open(recipient, rowB, "row/a"));
    }

    @Test
    void sealedKeysSwappedBetweenEnvelopesRejected() {
        byte[] first = Envelope.seal(recipient.publicKey(), "first".getBytes(StandardCharsets.UTF_8), ROW);
        byte[] second = Envelope.seal(recipient.publicKey(), "second".getBytes(StandardCharsets.UTF_8), ROW);
        byte[] mixed = first.clone();
        System.arraycopy(second, 1, mixed, 1, 80);
        assertThrows(DecryptionException.class, () -> Envelope.open(recipient, mixed, ROW));
    }

    @Test
    void wrongRecipientRejected() {
        byte[] envelope = Envelope.seal(recipient.publicKey(), "report".getBytes(StandardCharsets.UTF_8), ROW);
        assertThrows(DecryptionException.class, () -> Envelope.open(BoxKeyPair.generate(), envelope, ROW));
    }

    @Test
    void unknownVersionRejected() {
        byte[] envelope = Envelope.seal(recipient.publicKey(), "report".getBytes(StandardCharsets.UTF_8), ROW);
        for (int version : IntStream.of(0x00, 0x02, 0xFF).toArray()) {
            byte[] changed = envelope.clone();
            changed[0] = (byte) version;
            assertThrows(DecryptionException.class, () -> Envelope.open(recipient, changed, ROW), "version " + version);
        }
    }

    @Test
    void sealingTwiceUsesFreshDataKeys() {
        byte[] plaintext = "same".getBytes(StandardCharsets.UTF_8);
        byte[] a = Envelope.seal(recipient.publicKey(), plaintext, ROW);
        byte[] b = Envelope.seal(recipient.publicKey(), plaintext, ROW);
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, 1, HEADER), Arrays.copyOfRange(b, 1, HEADER)));
    }
}
