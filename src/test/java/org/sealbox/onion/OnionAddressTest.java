package org.sealbox.onion;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnionAddressTest {

    /** The Tor Project's own onion service address, as published on torproject.org. */
    static final String TOR_PROJECT = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid";

    @Test
    void parsesPublishedAddress() {
        assertEquals(TOR_PROJECT, OnionAddress.parse(TOR_PROJECT + ".onion").label());
        assertEquals(TOR_PROJECT, OnionAddress.parse(TOR_PROJECT).label());
        assertEquals(TOR_PROJECT, OnionAddress.parse("  " + TOR_PROJECT.toUpperCase() + ".ONION\n").label());
        assertEquals(TOR_PROJECT + ".onion", OnionAddress.parse(TOR_PROJECT).host());
    }

    @Test
    void addressFromKeyParsesBack() {
        byte[] key = new byte[32];
        new Random(3).nextBytes(key);

        OnionAddress address = OnionAddress.fromPublicKey(key);

        assertEquals(56, address.label().length());
        assertTrue(address.label().endsWith("d"), "version 3 addresses end in 'd'");
        assertEquals(address, OnionAddress.parse(address.host()));
    }

    @Test
    void rejectsChangedCharacter() {
        String typo = (TOR_PROJECT.charAt(10) == 'a' ? "b" : "a");
        String changed = TOR_PROJECT.substring(0, 10) + typo + TOR_PROJECT.substring(11);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnionAddress.parse(changed));

        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "example.onion",
            "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wi",
            "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid1",
            "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wi0",
            "http://2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion"
    })
    void rejectsMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> OnionAddress.parse(text));
    }

    /** The last Base32 character carries the version byte; 'a' instead of 'd' means version 0. */
    @Test
    void rejectsOtherVersion() {
        String versionZero = TOR_PROJECT.substring(0, 55) + "a";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnionAddress.parse(versionZero));

        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }
}
