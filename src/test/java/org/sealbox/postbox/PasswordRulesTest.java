package org.sealbox.postbox;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class PasswordRulesTest {

    @Test
    void shortPasswordRejected() {
        var rejected = assertInstanceOf(PasswordRules.Rejected.class,
                PasswordRules.check("Xq7#pL2!m", List.of(), Locale.ENGLISH));

        assertEquals("postbox.error.password-short", rejected.messageKey());
    }

    @Test
    void commonPasswordRejectedWithHints() {
        var rejected = assertInstanceOf(PasswordRules.Rejected.class,
                PasswordRules.check("password123", List.of(), Locale.ENGLISH));

        assertEquals("postbox.error.password-weak", rejected.messageKey());
        assertFalse(rejected.hints().isEmpty(), "zxcvbn says why");
    }

    @Test
    void pseudonymAsPasswordRejected() {
        var rejected = assertInstanceOf(PasswordRules.Rejected.class,
                PasswordRules.check("blueheron77", List.of("blue heron 77", "blueheron77"), Locale.ENGLISH));

        assertEquals("postbox.error.password-weak", rejected.messageKey());
    }

    @Test
    void passphraseAccepted() {
        assertInstanceOf(PasswordRules.Accepted.class,
                PasswordRules.check("orbit lantern cactus meadow", List.of(), Locale.ENGLISH));
    }

    @Test
    void nonAsciiPassphraseAccepted() {
        assertInstanceOf(PasswordRules.Accepted.class,
                PasswordRules.check("Grüße aus Köln, 東京 und Ωmega", List.of(), Locale.ENGLISH));
    }

    @Test
    void germanHints() {
        var rejected = assertInstanceOf(PasswordRules.Rejected.class,
                PasswordRules.check("qwertzuiop", List.of(), Locale.GERMAN));

        assertFalse(rejected.hints().isEmpty());
    }
}
