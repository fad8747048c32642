package org.sealbox.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordKdfTest {

    /** Small cost so that the suite stays fast; production uses {@link KdfParams#INTERACTIVE} or more. */
    private static final KdfParams FAST = new KdfParams(1, 1024 * 1024);
    private static final byte[] PASSWORD = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

    /**
     * Known-answer vectors from libsodium's test/default/pwhash_argon2id.c (function tv(), entries
     * 0 and 6) and the matching lines of test/default/pwhash_argon2id.exp. That test calls
     * crypto_pwhash with crypto_pwhash_alg_default(), which is Argon2id v1.3. The C test decodes
     * the 32-byte salt hex into a 16-byte buffer, so only its first 16 bytes are the salt.
     */
    @Test
    void argon2idKnownAnswerVectorsFromLibsodium() {
        byte[] password0 = TamperSupport.hex(
                "a347ae92bce9f80f6f595a4480fc9c2fe7e7d7148d371e9487d75f5c23008ffae0"
                        + "65577a928febd9b1973a5a95073acdbeb6a030cfc0d79caa2dc5cd011cef02c08d"
                        + "a232d76d52dfbca38ca8dcbd665b17d1665f7cf5fe59772ec909733b24de97d6f5"
                        + "8d220b20c60d7c07ec1fd93c52c31020300c6c1facd77937a597c7a6");
        assertEquals(127, password0.length);
        byte[] expected0 = TamperSupport.hex(
                "18acec5d6507739f203d1f5d9f1d862f7c2cdac4f19d2bdff64487e60d969e3ced615337b9eec6ac"
                        + "4461c6ca07f0939741e57c24d0005c7ea171a0ee1e7348249d135b38f222e4dad7b9a033ed83"
                        + "f5ca27277393e316582033c74affe2566a2bea47f91f0fd9fe49ece7e1f79f3ad6e9b23e0277"
                        + "c8ecc4b313225748dd2a80f5679534a0700e246a79a49b3f74eb89ec6205fe1eeb941c73b1fcf1");
        byte[] actual0 = Argon2id.derive(password0, TamperSupport.hex("5541fbc995d5c197ba290346d2c559de"),
                new KdfParams(5, 7_256_678), 155);
        assertEquals(TamperSupport.hex(expected0), TamperSupport.hex(actual0), "libsodium tv() entry 0");

        byte[] password6 = TamperSupport.hex("b540beb016a5366524d4605156493f9874514a5aa58818cd0c6dfffaa9e90205f17b");
        byte[] expected6 = TamperSupport.hex(
                "7fb72409b0987f8190c3729710e98c3f80c5a8727d425fdcde7f3644d467fe973f5b5fee683bd3fc"
                        + "e812cb9ae5e9921a2d06c2f1905e4e839692f2b934b682f11a2fe2b90482ea5dd234863516db"
                        + "a6f52dc0702d324ec77d860c2e181f84472bd7104fedce071ffa93c5309494ad51623d214447"
                        + "a7b2b1462dc7d5d55a1f6fd5b54ce024118d86f0c6489d16545aaa87b6689dad9f2fb47fda98"
                        + "94f8e12b87d978b483ccd4cc5fd9595cdc7a818452f915ce2f7df95ec12b1c72e3788d473441"
                        + "d884f9748eb14703c21b45d82fd667b85f5b2d98c13303b3fe76285531a826b6fc0fe8e3dddecf");
        byte[] actual6 = Argon2id.derive(password6, TamperSupport.hex("44071f6d181561670bda728d43fb79b4"),
                new KdfParams(1, 1_631_659), 231);
        assertEquals(TamperSupport.hex(expected6), TamperSupport.hex(actual6), "libsodium tv() entry 6");
    }

    @Test
    void outputShorterThan16BytesRejected() {
        // libsodium's tv() entry 3 requests 5 bytes and is expected to fail.
        assertThrows(IllegalArgumentException.class,
                () -> Argon2id.derive(PASSWORD, new byte[16], FAST, 5));
    }

    @Test
    void deriveKeyIsDeterministic() {
        PasswordKdf kdf = new PasswordKdf(1);
        byte[] salt = PasswordKdf.newSalt();
        SecretBytes first = kdf.deriveKey(PASSWORD, salt, FAST);
        SecretBytes second = kdf.deriveKey(PASSWORD, salt, FAST);
        assertEquals(32, first.length());
        assertTrue(first.sameAs(second));
    }

    @Test
    void differentInputsGiveDifferentKeys() {
        PasswordKdf kdf = new PasswordKdf(1);
        byte[] salt = PasswordKdf.newSalt();
        SecretBytes base = kdf.deriveKey(PASSWORD, salt, FAST);

        assertFalse(base.sameAs(kdf.deriveKey(PASSWORD, PasswordKdf.newSalt(), FAST)), "other salt");
        assertFalse(base.sameAs(kdf.deriveKey("other".getBytes(StandardCharsets.UTF_8), salt, FAST)), "other password");
        assertFalse(base.sameAs(kdf.deriveKey(PASSWORD, salt, new KdfParams(2, 1024 * 1024))), "other opsLimit");
        assertFalse(base.sameAs(kdf.deriveKey(PASSWORD, salt, new KdfParams(1, 2 * 1024 * 1024))), "other memLimit");
    }

    @Test
    void newSaltIs16FreshBytes() {
        byte[] a = PasswordKdf.newSalt();
        byte[] b = PasswordKdf.newSalt();
        assertEquals(16, a.length);
        assertFalse(java.util.Arrays.equals(a, b));
    }

    @Test
    void invalidArgumentsRejected() {
        PasswordKdf kdf = new PasswordKdf(1);
        assertThrows(IllegalArgumentException.class, () -> new PasswordKdf(0));
        assertThrows(IllegalArgumentException.class, () -> kdf.deriveKey(PASSWORD, new byte[15], FAST));
        assertThrows(IllegalArgumentException.class, () -> kdf.deriveKey(PASSWORD, new byte[17], FAST));
    }

    @Test
    void concurrencyStaysWithinBound() throws Exception {
        PasswordKdf kdf = new PasswordKdf(2);
        assertEquals(2, kdf.maxConcurrent());
        KdfParams params = new KdfParams(1, 8L * 1024 * 1024);
        byte[] salt = PasswordKdf.newSalt();
        int threads = 8;
        int derivationsPerThread = 2;
        CountDownLatch start = new CountDownLatch(1);

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<SecretBytes>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<SecretBytes> keys = new ArrayList<>();
                    for (int i = 0; i < derivationsPerThread; i++) {
                        keys.add(kdf.deriveKey(PASSWORD, salt, params));
                    }
                    return keys;
                }));
            }
            start.countDown();

            SecretBytes reference = kdf.deriveKey(PASSWORD, salt, params);
            int finished = 0;
            for (Future<List<SecretBytes>> future : futures) {
                for (SecretBytes key : future.get(60, TimeUnit.SECONDS)) {
                    assertArrayEquals(reference.bytes(), key.bytes(), "concurrent derivations disagree");
                    finished++;
                }
            }
            assertEquals(threads * derivationsPerThread, finished);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(kdf.peakConcurrent() <= 2, "peak was " + kdf.peakConcurrent());
        assertTrue(kdf.peakConcurrent() >= 1, "peak was " + kdf.peakConcurrent());
    }
}
