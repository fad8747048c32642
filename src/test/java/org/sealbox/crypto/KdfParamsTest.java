package org.sealbox.crypto;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KdfParamsTest {

    @Test
    void presetsMatchLibsodium() {
        assertEquals(2, KdfParams.INTERACTIVE.opsLimit());
        assertEquals(64L * 1024 * 1024, KdfParams.INTERACTIVE.memLimitBytes());
        assertEquals(3, KdfParams.MODERATE.opsLimit());
        assertEquals(256L * 1024 * 1024, KdfParams.MODERATE.memLimitBytes());
    }

    @Test
    void boundariesAccepted() {
        assertDoesNotThrow(() -> new KdfParams(1, 8192));
        assertDoesNotThrow(() -> new KdfParams(4_294_967_295L, 4_398_046_510_080L));
    }

    @Test
    void outOfRangeRejected() {
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(0, 8192), "opsLimit 0");
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(-1, 8192), "opsLimit -1");
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(4_294_967_296L, 8192), "opsLimit 2^32");
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(1, 8191), "memLimit 8191");
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(1, 4_398_046_510_081L), "memLimit max + 1");
    }

    @Test
    void valueEquality() {
        assertEquals(new KdfParams(2, 64L * 1024 * 1024), KdfParams.INTERACTIVE);
    }
}
