package org.sealbox.postbox;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class PseudonymsTest {

    private static String normalised(String typed) {
        return assertInstanceOf(Pseudonyms.Valid.class, Pseudonyms.check(typed)).normalised();
    }

    private static String rejection(String typed) {
        return assertInstanceOf(Pseudonyms.Invalid.class, Pseudonyms.check(typed)).messageKey();
    }

    @Test
    void caseAndOuterSpacesIgnored() {
        assertEquals("blue heron", normalised("  Blue Heron\t"));
        assertEquals("blue heron", normalised("BLUE HERON"));
    }

    @Test
    void fullWidthLookAlikeNormalised() {
        assertEquals("alice", normalised("ＡＬＩＣＥ"));
        assertEquals(normalised("Alice"), normalised("ａｌｉｃｅ"));
    }

    @Test
    void compatibilityFormsNormalised() {
        assertEquals("fish", normalised("ﬁsh"));
        assertEquals("café", normalised("cafe\u0301"));
    }

    @Test
    void nonLatinKept() {
        assertEquals("山田さん", normalised("山田さん"));
        assertEquals("σοφία", normalised("ΣΟΦΊΑ".toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void zeroWidthRejected() {
        assertEquals("postbox.error.pseudonym-characters", rejection("ali\u200Bce"));
        assertEquals("postbox.error.pseudonym-characters", rejection("ali\u200Dce"));
        assertEquals("postbox.error.pseudonym-characters", rejection("\uFEFFalice"));
    }

    @Test
    void bidiOverrideRejected() {
        assertEquals("postbox.error.pseudonym-characters", rejection("abc\u202Edef"));
        assertEquals("postbox.error.pseudonym-characters", rejection("abc\u2066def"));
        assertEquals("postbox.error.pseudonym-characters", rejection("abc\u200Fdef"));
    }

    @Test
    void controlCharactersRejected() {
        assertEquals("postbox.error.pseudonym-characters", rejection("abc\u0000def"));
        assertEquals("postbox.error.pseudonym-characters", rejection("abc\ndef"));
        assertEquals("postbox.error.pseudonym-characters", rejection("abc\u0085def"));
    }

    @Test
    void lengthCountedAfterNormalising() {
        assertEquals("postbox.error.pseudonym-length", rejection("ab"));
        assertEquals("postbox.error.pseudonym-length", rejection("   ab   "));
        assertEquals("abc", normalised("abc"));
        assertEquals(64, normalised("x".repeat(64)).length());
        assertEquals("postbox.error.pseudonym-length", rejection("x".repeat(65)));
        assertEquals("postbox.error.pseudonym-length", rejection(null));
    }
}
