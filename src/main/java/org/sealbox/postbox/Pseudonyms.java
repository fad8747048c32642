package org.sealbox.postbox;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Pseudonym rules. A pseudonym is normalised before anything else: Unicode NFKC, lower case
 * (Locale.ROOT), NFKC again, outer white space removed. Two pseudonyms that normalise to the same
 * text, such as "Alice", "ALICE" and the full-width "ＡＬＩＣＥ", are the same pseudonym.
 *
 * <p>NOTE: Java has no full Unicode case folding; lower-casing after NFKC matches it for all but
 * a few special cases (for example the German sharp s stays "ß" while "SS" becomes "ss").
 */
public final class Pseudonyms {

    public static final int MIN_CHARS = 3;
    public static final int MAX_CHARS = 64;

    /** The result of checking a typed pseudonym. */
    public sealed interface Result {
    }

    /** A valid pseudonym in its normalised form. */
    public record Valid(String normalised) implements Result {
        @Override
        public String toString() {
            return "Valid[REDACTED]";
        }
    }

    /** An invalid pseudonym; {@code messageKey} names the page text that says what to change. */
    public record Invalid(String messageKey) implements Result {
    }

    private Pseudonyms() {
    }

    public static Result check(String typed) {
        if (typed == null) {
            return new Invalid("postbox.error.pseudonym-length");
        }
        String text = Normalizer.normalize(typed, Normalizer.Form.NFKC);
        text = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC).strip();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isForbidden(cp)) {
                return new Invalid("postbox.error.pseudonym-characters");
            }
            i += Character.charCount(cp);
        }
        int length = text.codePointCount(0, text.length());
        if (length < MIN_CHARS || length > MAX_CHARS) {
            return new Invalid("postbox.error.pseudonym-length");
        }
        return new Valid(text);
    }

    /**
     * Control characters, format characters (zero-width spaces and joiners, bidirectional marks
     * and overrides), surrogates, private-use and unassigned code points, and line breaks.
     */
    private static boolean isForbidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
