package org.sealbox.crypto;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SodiumTest {

    @Test
    void getReturnsSameLoadedInstance() {
        Sodium first = Sodium.get();
        assertSame(first, Sodium.get());
        assertNotNull(first.lazySodium());
    }

    @Test
    void randomBytesHaveRequestedLengthAndVary() {
        byte[] a = Sodium.get().randomBytes(32);
        byte[] b = Sodium.get().randomBytes(32);
        assertEquals(32, a.length);
        assertFalse(java.util.Arrays.equals(a, b), "two 32-byte random draws were equal");
        assertFalse(java.util.Arrays.equals(a, new byte[32]), "random bytes were all zero");
    }

    @Test
    void randomBytesZeroAndNegative() {
        assertArrayEquals(new byte[0], Sodium.get().randomBytes(0));
        assertThrows(IllegalArgumentException.class, () -> Sodium.get().randomBytes(-1));
    }

    @Test
    void randomUniformStaysInRangeAndCoversIt() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int value = Sodium.get().randomUniform(10);
            assertTrue(value >= 0, "negative value: " + value);
            assertTrue(value < 10, "value above bound: " + value);
            seen.add(value);
        }
        assertEquals(10, seen.size(), "not every value 0..9 appeared in 2000 draws");
        assertEquals(0, Sodium.get().randomUniform(1));
    }

    @Test
    void randomUniformRejectsBoundBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> Sodium.get().randomUniform(0));
        assertThrows(IllegalArgumentException.class, () -> Sodium.get().randomUniform(-5));
    }

    @Test
    void loadFailureMessageNamesCause() {
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError("libsodium.so: cannot open shared object file");
        IllegalStateException e = Sodium.loadFailedException(cause);
        assertTrue(e.getMessage().startsWith("libsodium could not be loaded"), e.getMessage());
        assertTrue(e.getMessage().contains("UnsatisfiedLinkError"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot open shared object file"), e.getMessage());
        assertSame(cause, e.getCause());
    }
}
