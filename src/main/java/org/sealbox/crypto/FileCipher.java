package org.sealbox.crypto;

import com.goterl.lazysodium.LazySodiumJava;
import com.goterl.lazysodium.interfaces.SecretStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Streaming encryption of files (attachments) with libsodium's
 * {@code crypto_secretstream_xchacha20poly1305}, one fresh 32-byte key per file.
 *
 * <p>Layout:
 * <pre>
 *   secretstream header (24 bytes)
 *   chunk 1 .. chunk n, each = secretstream ciphertext of up to 64 KiB of plaintext + 17 bytes
 * </pre>
 * Every chunk except the last contains exactly 64 KiB (65536 bytes) of plaintext and carries
 * TAG_MESSAGE. The last chunk contains 0 to 64 KiB and carries TAG_FINAL. An empty file is a single
 * empty FINAL chunk, 17 bytes. Each chunk's additional data is the UTF-8 encoding of
 * {@code "sealbox/file/v1|" + associatedData}. Because secretstream chains the chunks, any
 * modification, reordering, dropped chunk, missing FINAL chunk or data after it fails decryption.
 *
 * <p>Thread-safe: each call uses its own state.
 *
 * <p>NOTE: the secretstream state, which contains a key derived from the file key, lives in
 * native memory that JNA allocates, and that memory is freed, not zeroed, when garbage-collected.
 */
public final class FileCipher {

    /** Plaintext bytes per chunk. */
    public static final int CHUNK_BYTES = 64 * 1024;
    /** Length of the per-file key, in bytes. */
    public static final int KEY_BYTES = SecretStream.KEYBYTES;

    private static final int HEADER_BYTES = SecretStream.HEADERBYTES;
    private static final int CHUNK_OVERHEAD_BYTES = SecretStream.ABYTES;
    private static final String AD_PREFIX = "sealbox/file/v1|";

    private FileCipher() {
    }

    /** Returns a new random 32-byte file key. */
    public static SecretBytes newKey() {
        return SecretBytes.random(KEY_BYTES);
    }

    /**
     * Reads {@code in} to its end and writes the encrypted stream to {@code out}. Neither stream is
     * closed.
     *
     * <p>Reads at most {@code maxPlaintextBytes + 1} bytes. When the input turns out to be longer
     * than {@code maxPlaintextBytes}, reading stops and {@link TooLargeException} is thrown, and the
     * caller must then discard what was already written to {@code out}.
     *
     * @return the number of plaintext bytes encrypted
     * @throws TooLargeException        if the input contains more than {@code maxPlaintextBytes} bytes
     * @throws IllegalArgumentException if the key is not 32 bytes or the limit is negative
     * @throws IllegalStateException    if the key has been wiped
     */
    public static long encrypt(InputStream in, OutputStream out, SecretBytes key, String associatedData,
                               long maxPlaintextBytes) throws IOException, TooLargeException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        byte[] keyBytes = checkKey(key);
        byte[] ad = associatedDataBytes(associatedData);
        if (maxPlaintextBytes < 0) {
            throw new IllegalArgumentException("maxPlaintextBytes must not be negative, got " + maxPlaintextBytes);
        }

        LazySodiumJava sodium = Sodium.get().lazySodium();
        SecretStream.State state = new SecretStream.State();
        byte[] header = new byte[HEADER_BYTES];
        if (!sodium.cryptoSecretStreamInitPush(state, header, keyBytes)) {
            throw new IllegalStateException("crypto_secretstream_xchacha20poly1305_init_push failed");
        }
        out.write(header);

        byte[] current = new byte[CHUNK_BYTES];
        byte[] next = new byte[CHUNK_BYTES];
        byte[] cipherChunk = new byte[CHUNK_BYTES + CHUNK_OVERHEAD_BYTES];
        try {
            LimitedReader reader = new LimitedReader(in, maxPlaintextBytes);
            int currentLength = reader.readChunk(current);
            while (true) {
                // A full chunk may still be the last one, so read ahead to see whether more data follows.
                int nextLength = currentLength == CHUNK_BYTES ? reader.readChunk(next) : 0;
                boolean last = nextLength == 0;
                byte tag = last ? SecretStream.TAG_FINAL : SecretStream.TAG_MESSAGE;
                int cipherLength = currentLength + CHUNK_OVERHEAD_BYTES;
                boolean ok = sodium.cryptoSecretStreamPush(
                        state, cipherChunk, new long[1], current, currentLength, ad, ad.length, tag);
                if (!ok) {
                    throw new IllegalStateException("crypto_secretstream_xchacha20poly1305_push failed");
                }
                out.write(cipherChunk, 0, cipherLength);
                if (last) {
                    return reader.total();
                }
                byte[] swap = current;
                current = next;
                next = swap;
                currentLength = nextLength;
            }
        } finally {
            Arrays.fill(current, (byte) 0);
            Arrays.fill(next, (byte) 0);
        }
    }

    /**
     * Reads an encrypted stream from {@code in} to its end and writes the plaintext to {@code out}.
     * Neither stream is closed.
     *
     * <p>Plaintext is written chunk by chunk as each chunk is verified, so when this method throws,
     * {@code out} may already hold a prefix of the plaintext. Callers must not use or serve the
     * output until this method returns normally, and must discard it when it throws.
     *
     * @return the number of plaintext bytes written
     * @throws DecryptionException      if the key or associated data is wrong, or the stream was
     *                                  modified, reordered, truncated or extended
     * @throws IllegalArgumentException if the key is not 32 bytes
     * @throws IllegalStateException    if the key has been wiped
     */
    public static long decrypt(InputStream in, OutputStream out, SecretBytes key, String associatedData)
            throws IOException, DecryptionException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        byte[] keyBytes = checkKey(key);
        byte[] ad = associatedDataBytes(associatedData);

        LazySodiumJava sodium = Sodium.get().lazySodium();
        byte[] header = in.readNBytes(HEADER_BYTES);
        SecretStream.State state = new SecretStream.State();
        if (header.length != HEADER_BYTES || !sodium.cryptoSecretStreamInitPull(state, header, keyBytes)) {
            throw new DecryptionException();
        }

        byte[] cipherChunk = new byte[CHUNK_BYTES + CHUNK_OVERHEAD_BYTES];
        byte[] plainChunk = new byte[CHUNK_BYTES];
        byte[] tag = new byte[1];
        long total = 0;
        try {
            while (true) {
                // readNBytes returns fewer bytes than requested only at the end of the stream.
                int cipherLength = in.readNBytes(cipherChunk, 0, cipherChunk.length);
                if (cipherLength < CHUNK_OVERHEAD_BYTES) {
                    // Covers a stream that ends without a FINAL chunk.
                    throw new DecryptionException();
                }
                int plainLength = cipherLength - CHUNK_OVERHEAD_BYTES;
                boolean ok = sodium.cryptoSecretStreamPull(
                        state, plainChunk, new long[1], tag, cipherChunk, cipherLength, ad, ad.length);
                if (!ok) {
                    throw new DecryptionException();
                }
                boolean isFinal = tag[0] == SecretStream.TAG_FINAL;
                boolean isFullMessage = tag[0] == SecretStream.TAG_MESSAGE && cipherLength == cipherChunk.length;
                if (!isFinal && !isFullMessage) {
                    throw new DecryptionException();
                }
                out.write(plainChunk, 0, plainLength);
                total += plainLength;
                if (isFinal) {
                    // in.read() returns 0..255 for a data byte and -1 only at the end of the stream.
                    if (in.read() != -1) {
                        throw new DecryptionException();
                    }
                    return total;
                }
            }
        } finally {
            Arrays.fill(plainChunk, (byte) 0);
        }
    }

    private static byte[] checkKey(SecretBytes key) {
        Objects.requireNonNull(key, "key");
        if (key.length() != KEY_BYTES) {
            throw new IllegalArgumentException("File key must be " + KEY_BYTES + " bytes, got " + key.length());
        }
        return key.bytes();
    }

    private static byte[] associatedDataBytes(String associatedData) {
        Objects.requireNonNull(associatedData, "associatedData");
        return (AD_PREFIX + associatedData).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads whole chunks and enforces the size limit without reading more than limit + 1 bytes. */
    private static final class LimitedReader {

        private final InputStream in;
        private final long limit;
        private long total;

        LimitedReader(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        /**
         * Fills {@code chunk} from the stream and returns the byte count, which is below
         * {@code chunk.length} only at the end of the stream.
         */
        int readChunk(byte[] chunk) throws IOException, TooLargeException {
            long allowedWithOneExtra = limit - total + 1;
            int request = allowedWithOneExtra <= 0 || allowedWithOneExtra >= chunk.length
                    ? chunk.length
                    : (int) allowedWithOneExtra;
            int read = in.readNBytes(chunk, 0, request);
            total += read;
            if (total > limit) {
                throw new TooLargeException(limit);
            }
            return read;
        }

        long total() {
            return total;
        }
    }
}
