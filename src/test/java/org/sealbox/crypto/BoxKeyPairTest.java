package org.sealbox.crypto;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoxKeyPairTest {

    @Test
    void generateGives32ByteKeys() {
        BoxKeyPair pair = BoxKeyPair.generate();
        assertEquals(32, pair.publicKey().length);
        assertEquals(32, pair.privateKey().length());
    }

    @Test
    void fromPrivateKeyDerivesSamePublicKey() {
        BoxKeyPair original = BoxKeyPair.generate();
        byte[] privateCopy = original.privateKey().bytes().clone();

        BoxKeyPair rebuilt = BoxKeyPair.fromPrivateKey(SecretBytes.wrap(privateCopy));

        assertArrayEquals(original.publicKey(), rebuilt.publicKey());
    }

    @Test
    void rebuiltPairOpensBoxesForOriginal() throws DecryptionException {
        BoxKeyPair original = BoxKeyPair.generate();
        byte[] box = SealedBox.seal(original.publicKey(), "hello".getBytes());
        BoxKeyPair rebuilt = BoxKeyPair.fromPrivateKey(SecretBytes.wrap(original.privateKey().bytes().clone()));

        assertArrayEquals("hello".getBytes(), SealedBox.open(rebuilt, box).bytes());
    }

    @Test
    void publicKeyIsACopy() {
        BoxKeyPair pair = BoxKeyPair.generate();
        byte[] first = pair.publicKey();
        first[0] ^= 1;
        assertNotSame(first, pair.publicKey());
        assertFalse(java.util.Arrays.equals(first, pair.publicKey()));
    }

    @Test
    void toStringHidesPrivateKey() {
        BoxKeyPair pair = BoxKeyPair.generate();
        String text = pair.toString();
        assertTrue(text.contains("[REDACTED]"), text);
        assertTrue(text.contains(TamperSupport.hex(pair.publicKey())), text);
        assertFalse(text.contains(TamperSupport.hex(pair.privateKey().bytes())), text);
    }

    @Test
    void wipeZeroesPrivateKey() {
        BoxKeyPair pair = BoxKeyPair.generate();
        byte[] raw = pair.privateKey().bytes();
        pair.wipe();
        assertTrue(pair.isWiped());
        assertArrayEquals(new byte[32], raw);
        assertThrows(IllegalStateException.class, () -> pair.privateKey().bytes());
        assertEquals(32, pair.publicKey().length);
    }

    @Test
    void closeWipes() {
        BoxKeyPair outside;
        try (BoxKeyPair pair = BoxKeyPair.generate()) {
            outside = pair;
        }
        assertTrue(outside.isWiped());
    }

    @Test
    void fromPrivateKeyRejectsWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> BoxKeyPair.fromPrivateKey(SecretBytes.random(31)));
        assertThrows(IllegalArgumentException.class, () -> BoxKeyPair.fromPrivateKey(SecretBytes.random(33)));
    }
}
