package org.sealbox.crypto;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Helpers shared by the crypto tests: hex, bit flips and instrumented input streams. */
final class TamperSupport {

    /** Opens (decrypts) a ciphertext; must throw {@link DecryptionException} for bad input. */
    @FunctionalInterface
    interface Opener {
        void open(byte[] ciphertext) throws Exception;
    }

    private TamperSupport() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Returns bytes 0, 1, 2, ... {@code n - 1} (mod 256). */
    static byte[] counting(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) i;
        }
        return out;
    }

    static byte[] flipBit(byte[] data, int byteIndex, int bit) {
        byte[] copy = data.clone();
        copy[byteIndex] ^= (byte) (1 << bit);
        return copy;
    }

    static byte[] appendByte(byte[] data, int value) {
        byte[] copy = Arrays.copyOf(data, data.length + 1);
        copy[data.length] = (byte) value;
        return copy;
    }

    /** Returns every byte index of {@code data}. */
    static int[] allPositions(byte[] data) {
        return IntStream.range(0, data.length).toArray();
    }

    /** Flips each of the 8 bits at every given position and expects each result to be rejected. */
    static void assertBitFlipsRejected(byte[] good, int[] positions, Opener opener) {
        for (int position : positions) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = flipBit(good, position, bit);
                assertThrows(DecryptionException.class, () -> opener.open(flipped),
                        "flipping bit " + bit + " of byte " + position + " was not detected");
            }
        }
    }

    /** Expects removing the last byte, cutting to half, and appending a byte to be rejected. */
    static void assertTruncationAndExtensionRejected(byte[] good, Opener opener) {
        assertThrows(DecryptionException.class, () -> opener.open(Arrays.copyOf(good, good.length - 1)),
                "removing the last byte was not detected");
        assertThrows(DecryptionException.class, () -> opener.open(Arrays.copyOf(good, good.length / 2)),
                "cutting to half was not detected");
        assertThrows(DecryptionException.class, () -> opener.open(appendByte(good, 0)),
                "appending a zero byte was not detected");
        assertThrows(DecryptionException.class, () -> opener.open(new byte[0]),
                "empty input was not rejected");
    }

    /** An input stream that counts the bytes it hands out. */
    static final class CountingInputStream extends FilterInputStream {

        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }

    /** An input stream that returns at most one byte per read call, like a slow network peer. */
    static final class OneBytePerReadInputStream extends InputStream {

        private final ByteArrayInputStream in;

        OneBytePerReadInputStream(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            return in.read(b, off, 1);
        }
    }

    /** An endless stream of 'x' bytes, for checking that readers stop early. */
    static final class EndlessInputStream extends InputStream {

        @Override
        public int read() {
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'x');
            return len;
        }
    }
}
