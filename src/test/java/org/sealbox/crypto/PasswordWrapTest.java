package org.sealbox.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordWrapTest {

    /** Small cost so that the many tamper checks stay fast. */
    private static final KdfParams FAST = new KdfParams(1, 256 * 1024);
    private static final byte[] PASSWORD = "officer password".getBytes(StandardCharsets.UTF_8);
    private static final String AD = "officer/3";

    private final PasswordKdf kdf = new PasswordKdf(2);

    @Test
    void roundTripOfPrivateKey() throws DecryptionException {
        BoxKeyPair pair = BoxKeyPair.generate();
        WrappedKey wrapped = PasswordWrap.wrap(kdf, pair.privateKey(), PASSWORD, FAST, AD);

        assertEquals(16, wrapped.salt().length);
        assertEquals(FAST, wrapped.params());
        assertEquals(24 + 32 + 16, wrapped.ciphertext().length);
        SecretBytes unwrapped = PasswordWrap.unwrap(kdf, wrapped, PASSWORD, AD);
        assertTrue(unwrapped.sameAs(pair.privateKey()));
    }

    @Test
    void eachWrapUsesNewSalt() {
        SecretBytes secret = SecretBytes.random(32);
        WrappedKey a = PasswordWrap.wrap(kdf, secret, PASSWORD, FAST, AD);
        WrappedKey b = PasswordWrap.wrap(kdf, secret, PASSWORD, FAST, AD);
        assertFalse(Arrays.equals(a.salt(), b.salt()));
        assertNotEquals(a, b);
    }

    @Test
    void wrongPasswordRejected() {
        WrappedKey wrapped = PasswordWrap.wrap(kdf, SecretBytes.random(32), PASSWORD, FAST, AD);
        assertThrows(DecryptionException.class,
                () -> PasswordWrap.unwrap(kdf, wrapped, "officer passworD".getBytes(StandardCharsets.UTF_8), AD));
        assertThrows(DecryptionException.class, () -> PasswordWrap.unwrap(kdf, wrapped, new byte[0], AD));
    }

    @Test
    void swappedAssociatedDataRejected() {
        WrappedKey wrapped = PasswordWrap.wrap(kdf, SecretBytes.random(32), PASSWORD, FAST, AD);
        assertThrows(DecryptionException.class, () -> PasswordWrap.unwrap(kdf, wrapped, PASSWORD, "officer/4"));
    }

    @Test
    void bitFlipsInCiphertextRejected() {
        WrappedKey wrapped = PasswordWrap.wrap(kdf, SecretBytes.random(32), PASSWORD, FAST, AD);
        byte[] ciphertext = wrapped.ciphertext();
        // Nonce start and end, ciphertext start and middle, tag start and end.
        int[] positions = {0, 23, 24, 40, ciphertext.length - 16, ciphertext.length - 1};
        TamperSupport.assertBitFlipsRejected(ciphertext, positions, candidate ->
                PasswordWrap.unwrap(kdf, new WrappedKey(wrapped.salt(), wrapped.params(), candidate), PASSWORD, AD));
    }

    @Test
    void bitFlipsInSaltRejected() {
        WrappedKey wrapped = PasswordWrap.wrap(kdf, SecretBytes.random(32), PASSWORD, FAST, AD);
        TamperSupport.assertBitFlipsRejected(wrapped.salt(), new int[] {0, 15}, candidate ->
                PasswordWrap.unwrap(kdf, new WrappedKey(candidate, wrapped.params(), wrapped.ciphertext()), PASSWORD, AD));
    }

    @Test
    void changedParamsRejected() {
        WrappedKey wrapped = PasswordWrap.wrap(kdf, SecretBytes.random(32), PASSWORD, FAST, AD);
        WrappedKey moreOps = new WrappedKey(wrapped.salt(), new KdfParams(2, FAST.memLimitBytes()), wrapped.ciphertext());
        WrappedKey moreMemory = new WrappedKey(wrapped.salt(), new KdfParams(1, 512 * 1024), wrapped.ciphertext());
        assertThrows(DecryptionException.class, () -> PasswordWrap.unwrap(kdf, moreOps, PASSWORD, AD));
        assertThrows(DecryptionException.class, () -> PasswordWrap.unwrap(kdf, moreMemory, PASSWORD, AD));
    }

    @Test
    void truncationAndExtensionRejected() {
        WrappedKey wrapped = PasswordWrap.wrap(kdf, SecretBytes.random(32), PASSWORD, FAST, AD);
        TamperSupport.assertTruncationAndExtensionRejected(wrapped.ciphertext(), candidate ->
                PasswordWrap.unwrap(kdf, new WrappedKey(wrapped.salt(), wrapped.params(), candidate), PASSWORD, AD));
    }

    @Test
    void ciphertextsSwappedBetweenRecordsRejected() {
        WrappedKey first = PasswordWrap.wrap(kdf, SecretBytes.random(32), PASSWORD, FAST, AD);
        WrappedKey second = PasswordWrap.wrap(kdf, SecretBytes.random(32), PASSWORD, FAST, AD);
        WrappedKey mixed = new WrappedKey(first.salt(), first.params(), second.ciphertext());
        assertThrows(DecryptionException.class, () -> PasswordWrap.unwrap(kdf, mixed, PASSWORD, AD));
    }

    @Test
    void recordCopiesArraysAndComparesContent() {
        byte[] salt = new byte[16];
        byte[] ciphertext = {1, 2, 3};
        WrappedKey key = new WrappedKey(salt, FAST, ciphertext);
        salt[0] = 9;
        ciphertext[0] = 9;
        assertEquals(0, key.salt()[0]);
        assertEquals(1, key.ciphertext()[0]);
        key.salt()[1] = 7;
        assertEquals(0, key.salt()[1]);
        assertEquals(new WrappedKey(new byte[16], FAST, new byte[] {1, 2, 3}), key);
        assertEquals(new WrappedKey(new byte[16], FAST, new byte[] {1, 2, 3}).hashCode(), key.hashCode());
        assertArrayEquals(new byte[] {1, 2, 3}, key.ciphertext());
    }

    @Test
    void recordRejectsWrongSaltLengthAndHidesBytes() {
        assertThrows(IllegalArgumentException.class, () -> new WrappedKey(new byte[15], FAST, new byte[40]));
        String text = new WrappedKey(new byte[16], FAST, new byte[40]).toString();
        assertTrue(text.contains("40 bytes"), text);
    }
}
