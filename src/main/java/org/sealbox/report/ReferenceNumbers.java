package org.sealbox.report;

import java.util.Locale;
import java.util.Optional;

import org.sealbox.crypto.Sodium;

/**
 * Reference numbers: 16 random characters in four groups of four, such as {@code K7MR-4QXC-9TFA-2HWD}.
 *
 * <p>The alphabet has 25 characters without look-alikes (no 0/O, 1/I/L, 5/S, 8/B, 2/Z), so a
 * number read aloud or copied by hand survives. 16 characters carry about 74 bits, drawn with
 * libsodium's uniform {@code randombytes_uniform}; numbers are neither sequential nor time-based.
 */
public final class ReferenceNumbers {

    static final String ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";
    static final int GROUPS = 4;
    static final int GROUP_LENGTH = 4;

    private ReferenceNumbers() {
    }

    public static String generate() {
        StringBuilder reference = new StringBuilder(GROUPS * (GROUP_LENGTH + 1));
        for (int group = 0; group < GROUPS; group++) {
            if (group > 0) {
                reference.append('-');
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                reference.append(ALPHABET.charAt(Sodium.get().randomUniform(ALPHABET.length())));
            }
        }
        return reference.toString();
    }

    /**
     * Returns the canonical form of a typed reference (upper case, groups joined by hyphens),
     * or empty when it cannot be one.
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        StringBuilder characters = new StringBuilder();
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (ALPHABET.indexOf(c) >= 0) {
                characters.append(c);
            } else if (c != '-' && c != ' ') {
                return Optional.empty();
            }
        }
        if (characters.length() != GROUPS * GROUP_LENGTH) {
            return Optional.empty();
        }
        for (int i = GROUPS - 1; i > 0; i--) {
            characters.insert(i * GROUP_LENGTH, '-');
        }
        return Optional.of(characters.toString());
    }
}
