package org.sealbox.crypto;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretBytesTest {

    @Test
    void toStringIsRedacted() {
        SecretBytes secret = SecretBytes.wrap("hunter2".getBytes());
        assertEquals("[REDACTED]", secret.toString());
        assertEquals("[REDACTED]", String.valueOf(secret));
    }

    @Test
    void wrapKeepsTheSameArray() {
        byte[] raw = {1, 2, 3};
        SecretBytes secret = SecretBytes.wrap(raw);
        assertSame(raw, secret.bytes());
        assertEquals(3, secret.length());
    }

    @Test
    void wipeZeroesAndBlocksAccess() {
        byte[] raw = {9, 8, 7, 6};
        SecretBytes secret = SecretBytes.wrap(raw);
        assertFalse(secret.isWiped());

        secret.wipe();

        assertTrue(secret.isWiped());
        assertArrayEquals(new byte[4], raw);
        assertThrows(IllegalStateException.class, secret::bytes);
        assertEquals(4, secret.length());
    }

    @Test
    void wipeIsIdempotent() {
        SecretBytes secret = SecretBytes.random(16);
        secret.wipe();
        secret.wipe();
        assertTrue(secret.isWiped());
    }

    @Test
    void closeWipes() {
        byte[] raw = {5, 5, 5};
        SecretBytes outside;
        try (SecretBytes secret = SecretBytes.wrap(raw)) {
            outside = secret;
        }
        assertTrue(outside.isWiped());
        assertArrayEquals(new byte[3], raw);
    }

    @Test
    void randomHasLengthAndDiffers() {
        SecretBytes a = SecretBytes.random(32);
        SecretBytes b = SecretBytes.random(32);
        assertEquals(32, a.length());
        assertFalse(a.sameAs(b));
    }

    @Test
    void sameAsComparesContent() {
        SecretBytes a = SecretBytes.wrap(new byte[] {1, 2, 3});
        SecretBytes b = SecretBytes.wrap(new byte[] {1, 2, 3});
        SecretBytes c = SecretBytes.wrap(new byte[] {1, 2, 4});
        SecretBytes shorter = SecretBytes.wrap(new byte[] {1, 2});
        assertTrue(a.sameAs(b));
        assertFalse(a.sameAs(c));
        assertFalse(a.sameAs(shorter));
    }

    @Test
    void sameAsOnWipedThrows() {
        SecretBytes a = SecretBytes.wrap(new byte[] {1});
        SecretBytes b = SecretBytes.wrap(new byte[] {1});
        b.wipe();
        assertThrows(IllegalStateException.class, () -> a.sameAs(b));
    }

    @Test
    void equalsIsIdentityNotContent() {
        SecretBytes a = SecretBytes.wrap(new byte[] {1, 2, 3});
        SecretBytes b = SecretBytes.wrap(new byte[] {1, 2, 3});
        assertNotEquals(a, b);
        assertEquals(a, a);
    }
}
