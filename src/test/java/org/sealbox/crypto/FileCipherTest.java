package org.sealbox.crypto;

import com.goterl.lazysodium.LazySodiumJava;
import com.goterl.lazysodium.interfaces.SecretStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileCipherTest {

    private static final int CHUNK = 64 * 1024;
    private static final int HEADER = 24;
    private static final int CHUNK_OVERHEAD = 17;
    private static final String AD = "attachment/5";

    private final SecretBytes key = FileCipher.newKey();

    @Test
    void roundTripAtChunkBoundaries() throws Exception {
        for (int length : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 10}) {
            byte[] plaintext = Sodium.get().randomBytes(length);
            byte[] ciphertext = encrypt(plaintext, key, AD, Long.MAX_VALUE);

            int chunks = Math.max(1, (length + CHUNK - 1) / CHUNK);
            assertEquals(HEADER + length + CHUNK_OVERHEAD * chunks, ciphertext.length, "ciphertext length for " + length);
            assertArrayEquals(plaintext, decrypt(ciphertext, key, AD), "round trip for " + length);
        }
    }

    @Test
    void returnsPlaintextLength() throws Exception {
        byte[] plaintext = new byte[CHUNK + 5];
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        assertEquals(CHUNK + 5, FileCipher.encrypt(new ByteArrayInputStream(plaintext), encrypted, key, AD, CHUNK + 5));
        ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
        assertEquals(CHUNK + 5, FileCipher.decrypt(
                new ByteArrayInputStream(encrypted.toByteArray()), decrypted, key, AD));
    }

    @Test
    void emptyFileIsOneEmptyFinalChunk() throws Exception {
        byte[] ciphertext = encrypt(new byte[0], key, AD, 0);
        assertEquals(HEADER + CHUNK_OVERHEAD, ciphertext.length);
        assertArrayEquals(new byte[0], decrypt(ciphertext, key, AD));
    }

    @Test
    void allFFBytesRoundTrip() throws Exception {
        byte[] plaintext = new byte[4096];
        Arrays.fill(plaintext, (byte) 0xFF);
        byte[] ciphertext = encrypt(plaintext, key, AD, 4096);
        assertArrayEquals(plaintext, decrypt(ciphertext, key, AD));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileCipher.decrypt(new TamperSupport.OneBytePerReadInputStream(ciphertext), out, key, AD);
        assertArrayEquals(plaintext, out.toByteArray());
    }

    @Test
    void oneBytePerReadStreamsWork() throws Exception {
        byte[] plaintext = Sodium.get().randomBytes(CHUNK + 100);
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        long length = FileCipher.encrypt(new TamperSupport.OneBytePerReadInputStream(plaintext), encrypted, key, AD,
                Long.MAX_VALUE);
        assertEquals(plaintext.length, length);
        byte[] ciphertext = encrypted.toByteArray();
        assertEquals(HEADER + plaintext.length + 2 * CHUNK_OVERHEAD, ciphertext.length, "short reads changed chunking");

        ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
        FileCipher.decrypt(new TamperSupport.OneBytePerReadInputStream(ciphertext), decrypted, key, AD);
        assertArrayEquals(plaintext, decrypted.toByteArray());
    }

    @Test
    void exactLimitAccepted() throws Exception {
        for (int limit : new int[] {0, 1, CHUNK, CHUNK + 1, 100_000}) {
            byte[] plaintext = Sodium.get().randomBytes(limit);
            assertArrayEquals(plaintext, decrypt(encrypt(plaintext, key, AD, limit), key, AD), "limit " + limit);
        }
    }

    @Test
    void overLimitReadsOnlyLimitPlusOne() {
        for (int limit : new int[] {0, 1, CHUNK - 1, CHUNK, 100_000}) {
            TamperSupport.CountingInputStream in =
                    new TamperSupport.CountingInputStream(new ByteArrayInputStream(new byte[limit + 1 + CHUNK * 2]));
            TooLargeException e = assertThrows(TooLargeException.class,
                    () -> FileCipher.encrypt(in, new ByteArrayOutputStream(), key, AD, limit), "limit " + limit);
            assertEquals(limit, e.limitBytes());
            assertEquals(limit + 1, in.count(), "bytes read for limit " + limit);
        }
    }

    @Test
    void limitPlusOneRejected() {
        int limit = CHUNK;
        TamperSupport.CountingInputStream in =
                new TamperSupport.CountingInputStream(new ByteArrayInputStream(new byte[limit + 1]));
        assertThrows(TooLargeException.class, () -> FileCipher.encrypt(in, new ByteArrayOutputStream(), key, AD, limit));
        assertEquals(limit + 1, in.count());
    }

    @Test
    void endlessInputStopsAtLimitPlusOne() {
        TamperSupport.CountingInputStream in = new TamperSupport.CountingInputStream(new TamperSupport.EndlessInputStream());
        assertThrows(TooLargeException.class,
                () -> FileCipher.encrypt(in, new ByteArrayOutputStream(), key, AD, 1_000_000));
        assertEquals(1_000_001, in.count());
    }

    @Test
    void bitFlipsAtSamplePositionsRejected() throws Exception {
        byte[] ciphertext = encrypt(Sodium.get().randomBytes(CHUNK + 100), key, AD, Long.MAX_VALUE);
        int secondChunk = HEADER + CHUNK + CHUNK_OVERHEAD;
        int[] positions = {
                0, 11, 23,                                // header
                HEADER, HEADER + 1,                       // first chunk: encrypted tag byte, first data byte
                HEADER + CHUNK / 2,                       // middle of the first chunk
                secondChunk - 16, secondChunk - 1,        // first chunk's MAC
                secondChunk, secondChunk + 50,            // second chunk start and data
                ciphertext.length - 16, ciphertext.length - 1 // final chunk's MAC
        };
        TamperSupport.assertBitFlipsRejected(ciphertext, positions, candidate -> decrypt(candidate, key, AD));
    }

    @Test
    void truncationAndExtensionRejected() throws Exception {
        byte[] ciphertext = encrypt(Sodium.get().randomBytes(CHUNK + 100), key, AD, Long.MAX_VALUE);
        TamperSupport.assertTruncationAndExtensionRejected(ciphertext, candidate -> decrypt(candidate, key, AD));
        assertThrows(DecryptionException.class, () -> decrypt(Arrays.copyOf(ciphertext, HEADER), key, AD), "header only");
        assertThrows(DecryptionException.class, () -> decrypt(Arrays.copyOf(ciphertext, HEADER - 1), key, AD), "short header");
        assertThrows(DecryptionException.class, () -> decrypt(TamperSupport.appendByte(ciphertext, 0xFF), key, AD),
                "appended 0xFF");
    }

    @Test
    void droppedFinalChunkRejected() throws Exception {
        byte[] ciphertext = encrypt(Sodium.get().randomBytes(2 * CHUNK + 100), key, AD, Long.MAX_VALUE);
        int finalChunkStart = HEADER + 2 * (CHUNK + CHUNK_OVERHEAD);
        assertThrows(DecryptionException.class, () -> decrypt(Arrays.copyOf(ciphertext, finalChunkStart), key, AD));
    }

    @Test
    void droppedMiddleChunkRejected() throws Exception {
        byte[] ciphertext = encrypt(Sodium.get().randomBytes(2 * CHUNK + 100), key, AD, Long.MAX_VALUE);
        int chunkLength = CHUNK + CHUNK_OVERHEAD;
        ByteArrayOutputStream withoutSecond = new ByteArrayOutputStream();
        withoutSecond.write(ciphertext, 0, HEADER + chunkLength);
        withoutSecond.write(ciphertext, HEADER + 2 * chunkLength, ciphertext.length - HEADER - 2 * chunkLength);
        assertThrows(DecryptionException.class, () -> decrypt(withoutSecond.toByteArray(), key, AD));
    }

    @Test
    void reorderedChunksRejected() throws Exception {
        byte[] ciphertext = encrypt(Sodium.get().randomBytes(3 * CHUNK + 100), key, AD, Long.MAX_VALUE);
        int chunkLength = CHUNK + CHUNK_OVERHEAD;
        byte[] swapped = ciphertext.clone();
        System.arraycopy(ciphertext, HEADER, swapped, HEADER + chunkLength, chunkLength);
        System.arraycopy(ciphertext, HEADER + chunkLength, swapped, HEADER, chunkLength);
        assertThrows(DecryptionException.class, () -> decrypt(swapped, key, AD));
    }

    @Test
    void dataAfterFinalChunkRejected() throws Exception {
        byte[] first = encrypt("first".getBytes(StandardCharsets.UTF_8), key, AD, 100);
        byte[] extraChunk = encrypt("extra".getBytes(StandardCharsets.UTF_8), key, AD, 100);
        byte[] extended = Arrays.copyOf(first, first.length + extraChunk.length - HEADER);
        System.arraycopy(extraChunk, HEADER, extended, first.length, extraChunk.length - HEADER);
        assertThrows(DecryptionException.class, () -> decrypt(extended, key, AD));
    }

    @Test
    void wrongKeyRejected() throws Exception {
        byte[] ciphertext = encrypt("attachment".getBytes(StandardCharsets.UTF_8), key, AD, 100);
        assertThrows(DecryptionException.class, () -> decrypt(ciphertext, FileCipher.newKey(), AD));
    }

    @Test
    void swappedAssociatedDataRejected() throws Exception {
        byte[] ciphertext = encrypt("attachment".getBytes(StandardCharsets.UTF_8), key, AD, 100);
        assertThrows(DecryptionException.class, () -> decrypt(ciphertext, key, "attachment/6"));
    }

    @Test
    void ciphertextsSwappedBetweenRecordsRejected() throws Exception {
        SecretBytes keyA = FileCipher.newKey();
        SecretBytes keyB = FileCipher.newKey();
        byte[] fileA = encrypt("A".getBytes(StandardCharsets.UTF_8), keyA, "attachment/a", 100);
        byte[] fileB = encrypt("B".getBytes(StandardCharsets.UTF_8), keyB, "attachment/b", 100);
        assertThrows(DecryptionException.class, () -> decrypt(fileB, keyA, "attachment/a"));
        assertThrows(DecryptionException.class, () -> decrypt(fileA, keyB, "attachment/b"));

        byte[] sameKeyOtherRecord = encrypt("C".getBytes(StandardCharsets.UTF_8), keyA, "attachment/c", 100);
        assertThrows(DecryptionException.class, () -> decrypt(sameKeyOtherRecord, keyA, "attachment/a"));
    }

    @Test
    void dataAfterFullFinalChunkRejected() throws Exception {
        // With exactly one full chunk, the FINAL chunk fills the read buffer, so only the
        // end-of-stream check after it can notice the extra byte. A 0xFF byte must not pass
        // for end of stream.
        byte[] ciphertext = encrypt(Sodium.get().randomBytes(CHUNK), key, AD, CHUNK);
        assertEquals(CHUNK, decrypt(ciphertext, key, AD).length, "control: unmodified stream");
        for (int extra : new int[] {0x00, 0xFF}) {
            byte[] extended = TamperSupport.appendByte(ciphertext, extra);
            assertThrows(DecryptionException.class, () -> decrypt(extended, key, AD), "appended byte " + extra);
            assertThrows(DecryptionException.class,
                    () -> FileCipher.decrypt(new TamperSupport.OneBytePerReadInputStream(extended),
                            new ByteArrayOutputStream(), key, AD), "appended byte " + extra + ", one byte per read");
        }
    }

    @Test
    void shortMessageChunkBeforeFinalRejected() throws Exception {
        // Built by hand with the right key and AD: a 10-byte MESSAGE chunk, then an empty FINAL.
        byte[] crafted = craftStream(new byte[][] {new byte[10], new byte[0]},
                new byte[] {SecretStream.TAG_MESSAGE, SecretStream.TAG_FINAL});
        assertThrows(DecryptionException.class, () -> decrypt(crafted, key, AD));
    }

    @Test
    void unexpectedChunkTagRejected() throws Exception {
        // A full-size chunk tagged PUSH instead of MESSAGE. FileCipher never writes PUSH or REKEY.
        byte[] crafted = craftStream(new byte[][] {new byte[CHUNK], new byte[1]},
                new byte[] {SecretStream.TAG_PUSH, SecretStream.TAG_FINAL});
        assertThrows(DecryptionException.class, () -> decrypt(crafted, key, AD));

        byte[] wellFormed = craftStream(new byte[][] {new byte[CHUNK], new byte[1]},
                new byte[] {SecretStream.TAG_MESSAGE, SecretStream.TAG_FINAL});
        assertEquals(CHUNK + 1, decrypt(wellFormed, key, AD).length, "control: same stream with MESSAGE tag");
    }

    /** Encrypts the given chunks with the given tags directly through libsodium, bypassing FileCipher. */
    private byte[] craftStream(byte[][] chunks, byte[] tags) throws IOException {
        LazySodiumJava sodium = Sodium.get().lazySodium();
        byte[] ad = ("sealbox/file/v1|" + AD).getBytes(StandardCharsets.UTF_8);
        SecretStream.State state = new SecretStream.State();
        byte[] header = new byte[HEADER];
        assertTrue(sodium.cryptoSecretStreamInitPush(state, header, key.bytes()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        for (int i = 0; i < chunks.length; i++) {
            byte[] cipherChunk = new byte[chunks[i].length + CHUNK_OVERHEAD];
            assertTrue(sodium.cryptoSecretStreamPush(
                    state, cipherChunk, new long[1], chunks[i], chunks[i].length, ad, ad.length, tags[i]));
            out.write(cipherChunk);
        }
        return out.toByteArray();
    }

    @Test
    void newKeyIs32FreshBytes() {
        SecretBytes a = FileCipher.newKey();
        assertEquals(32, a.length());
        assertFalse(a.sameAs(FileCipher.newKey()));
    }

    @Test
    void invalidArgumentsRejected() {
        InputStream empty = new ByteArrayInputStream(new byte[0]);
        assertThrows(IllegalArgumentException.class,
                () -> FileCipher.encrypt(empty, new ByteArrayOutputStream(), SecretBytes.random(16), AD, 10));
        assertThrows(IllegalArgumentException.class,
                () -> FileCipher.encrypt(empty, new ByteArrayOutputStream(), key, AD, -1));
        assertThrows(IllegalArgumentException.class,
                () -> FileCipher.decrypt(empty, new ByteArrayOutputStream(), SecretBytes.random(31), AD));
    }

    private static byte[] encrypt(byte[] plaintext, SecretBytes key, String ad, long limit)
            throws IOException, TooLargeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long length = FileCipher.encrypt(new ByteArrayInputStream(plaintext), out, key, ad, limit);
        assertEquals(plaintext.length, length);
        return out.toByteArray();
    }

    private static byte[] decrypt(byte[] ciphertext, SecretBytes key, String ad) throws IOException, DecryptionException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long length = FileCipher.decrypt(new ByteArrayInputStream(ciphertext), out, key, ad);
        assertEquals(out.size(), length);
        return out.toByteArray();
    }
}
