package org.sealbox.crypto;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PaddingTest {

    @Test
    void roundTripAndLengthsWithDefaultBlock() throws DecryptionException {
        int[][] cases = {{0, 256}, {1, 256}, {255, 256}, {256, 512}, {257, 512}, {511, 512}, {512, 768}};
        for (int[] c : cases) {
            byte[] data = TamperSupport.counting(c[0]);
            byte[] padded = Padding.pad(data, Padding.DEFAULT_BLOCK_SIZE);
            assertEquals(c[1], padded.length, "padded length for " + c[0]);
            assertEquals(0, padded.length % 256, "not a multiple of 256 for " + c[0]);
            assertEquals((byte) 0x80, padded[c[0]], "marker position for " + c[0]);
            assertArrayEquals(data, Padding.unpad(padded, Padding.DEFAULT_BLOCK_SIZE), "round trip for " + c[0]);
        }
    }

    @Test
    void roundTripOtherBlockSizes() throws DecryptionException {
        for (int blockSize : new int[] {1, 7, 16, 1000}) {
            for (int length = 0; length < 40; length++) {
                byte[] data = TamperSupport.counting(length);
                byte[] padded = Padding.pad(data, blockSize);
                assertEquals(0, padded.length % blockSize);
                assertArrayEquals(data, Padding.unpad(padded, blockSize), "block " + blockSize + " length " + length);
            }
        }
    }

    @Test
    void dataEndingInMarkerLikeBytesRoundTrips() throws DecryptionException {
        byte[] data = {0x00, (byte) 0x80, 0x00, 0x00};
        assertArrayEquals(data, Padding.unpad(Padding.pad(data, 16), 16));
        byte[] fullBlock = new byte[16];
        fullBlock[15] = (byte) 0x80;
        assertArrayEquals(fullBlock, Padding.unpad(Padding.pad(fullBlock, 16), 16));
    }

    @Test
    void matchesLibsodiumSodiumPad() throws DecryptionException {
        for (int blockSize : new int[] {16, 256}) {
            for (int length : new int[] {0, 1, 15, 16, 17, 255, 256, 257}) {
                byte[] data = TamperSupport.counting(length);
                byte[] expected = libsodiumPad(data, blockSize);
                assertArrayEquals(expected, Padding.pad(data, blockSize), "block " + blockSize + " length " + length);
                assertArrayEquals(data, libsodiumUnpad(Padding.pad(data, blockSize), blockSize));
            }
        }
    }

    @Test
    void invalidPaddingRejected() {
        byte[] noMarker = new byte[256];
        assertThrows(DecryptionException.class, () -> Padding.unpad(noMarker, 256), "all zeros");

        byte[] wrongLastByte = Padding.pad(new byte[10], 256);
        wrongLastByte[255] = 0x01;
        assertThrows(DecryptionException.class, () -> Padding.unpad(wrongLastByte, 256), "junk after marker");

        byte[] markerTooEarly = new byte[512];
        markerTooEarly[100] = (byte) 0x80;
        assertThrows(DecryptionException.class, () -> Padding.unpad(markerTooEarly, 256), "marker outside last block");

        assertThrows(DecryptionException.class, () -> Padding.unpad(new byte[0], 256), "empty");
        byte[] notMultiple = Arrays.copyOf(Padding.pad(new byte[3], 256), 255);
        assertThrows(DecryptionException.class, () -> Padding.unpad(notMultiple, 256), "length 255");
    }

    @Test
    void nonPositiveBlockSizeIsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Padding.pad(new byte[1], 0));
        assertThrows(IllegalArgumentException.class, () -> Padding.unpad(new byte[1], -1));
    }

    /**
     * Calls libsodium's sodium_pad through JNA, which the test classpath has. lazysodium's own
     * binding passes size_t* as a 4-byte IntByReference, so this declares the C types directly:
     * size_t arguments as Java long and the size_t out-parameter as 8 bytes of native memory.
     */
    private static byte[] libsodiumPad(byte[] data, int blockSize) {
        long capacity = data.length + blockSize;
        Memory buffer = new Memory(capacity);
        buffer.clear();
        if (data.length > 0) {
            buffer.write(0, data, 0, data.length);
        }
        Memory paddedLength = new Memory(Long.BYTES);
        int status = libsodium().getFunction("sodium_pad").invokeInt(
                new Object[] {paddedLength, buffer, (long) data.length, (long) blockSize, capacity});
        assertEquals(0, status, "sodium_pad status");
        return buffer.getByteArray(0, (int) paddedLength.getLong(0));
    }

    private static byte[] libsodiumUnpad(byte[] padded, int blockSize) {
        Memory buffer = new Memory(padded.length);
        buffer.write(0, padded, 0, padded.length);
        Memory unpaddedLength = new Memory(Long.BYTES);
        int status = libsodium().getFunction("sodium_unpad").invokeInt(
                new Object[] {unpaddedLength, buffer, (long) padded.length, (long) blockSize});
        assertEquals(0, status, "sodium_unpad status");
        return buffer.getByteArray(0, (int) unpaddedLength.getLong(0));
    }

    private static NativeLibrary libsodium() {
        Sodium.get();
        return NativeLibrary.getInstance("sodium");
    }
}
