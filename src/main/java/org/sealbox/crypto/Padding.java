package org.sealbox.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * ISO/IEC 7816-4 padding to a multiple of a block size, byte-compatible with libsodium's
 * {@code sodium_pad} and {@code sodium_unpad}.
 *
 * <p>Layout of padded data, whose length is the smallest multiple of the block size that is
 * strictly greater than the data length:
 * <pre>
 *   data || 0x80 || 0x00 ... 0x00
 * </pre>
 * Data that already fills whole blocks gets one extra block, so padding always adds 1 to
 * {@code blockSize} bytes. Padding hides the exact length of encrypted content, so only the number of
 * blocks remains visible.
 *
 * <p>NOTE: this is a Java implementation because lazysodium-java's {@code sodium_pad} binding
 * takes JNA pointer types, and JNA is only a runtime dependency of lazysodium. The tests check
 * that both produce the same bytes.
 *
 * <p>Thread-safe.
 */
public final class Padding {

    /** Block size used by {@link Envelope}, in bytes. */
    public static final int DEFAULT_BLOCK_SIZE = 256;

    private static final int MARKER = 0x80;

    private Padding() {
    }

    /**
     * Returns a padded copy of {@code data}.
     *
     * @throws IllegalArgumentException if {@code blockSize} is not positive or the padded length
     *                                  would not fit in an array
     */
    public static byte[] pad(byte[] data, int blockSize) {
        Objects.requireNonNull(data, "data");
        checkBlockSize(blockSize);
        int fillBytes = blockSize - 1 - data.length % blockSize;
        long paddedLength = (long) data.length + fillBytes + 1;
        if (paddedLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Padded length " + paddedLength + " bytes is too large for an array");
        }
        byte[] padded = Arrays.copyOf(data, (int) paddedLength);
        padded[data.length] = (byte) MARKER;
        return padded;
    }

    /**
     * Removes the padding added by {@link #pad} and returns the original data as a new array.
     *
     * <p>The scan over the last block has no branches on byte values, so its timing does not
     * depend on where the padding starts.
     *
     * @throws DecryptionException      if the length is not a positive multiple of
     *                                  {@code blockSize} or the last block holds no valid padding
     * @throws IllegalArgumentException if {@code blockSize} is not positive
     */
    public static byte[] unpad(byte[] padded, int blockSize) throws DecryptionException {
        Objects.requireNonNull(padded, "padded");
        checkBlockSize(blockSize);
        if (padded.length == 0 || padded.length % blockSize != 0) {
            throw new DecryptionException();
        }

        // Walk the last block from its end. The first non-zero byte met must be the 0x80 marker.
        // Every flag below is 0 or 1 and is computed with arithmetic instead of branches.
        int markerOffset = 0;
        int seenNonZero = 0;
        int valid = 0;
        for (int i = 0; i < blockSize; i++) {
            int c = padded[padded.length - 1 - i] & 0xff;
            int isNonZero = ((c - 1) >>> 31) ^ 1;
            int isFirstNonZero = isNonZero & (seenNonZero ^ 1);
            int isMarker = ((c ^ MARKER) - 1) >>> 31;
            markerOffset |= i & -isFirstNonZero;
            valid |= isFirstNonZero & isMarker;
            seenNonZero |= isNonZero;
        }
        if (valid == 0) {
            throw new DecryptionException();
        }
        return Arrays.copyOf(padded, padded.length - 1 - markerOffset);
    }

    private static void checkBlockSize(int blockSize) {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("Block size must be positive, got " + blockSize);
        }
    }
}
