package org.sealbox.postbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

/**
 * Postbox password rules: at least {@link #MIN_CHARS} characters and a zxcvbn strength score of
 * at least {@link #MIN_SCORE} (0 to 4). zxcvbn estimates how many guesses a password needs,
 * recognising common passwords, names, keyboard patterns and dates. Thread-safe.
 */
public final class PasswordRules {

    public static final int MIN_CHARS = 10;
    public static final int MAX_CHARS = 1024;
    /** Score 3: "safely unguessable", about 10^8 guesses or more by zxcvbn's estimate. */
    static final int MIN_SCORE = 3;

    /** The result of checking a password. */
    public sealed interface Result {
    }

    public record Accepted() implements Result {
    }

    /**
     * A rejected password.
     *
     * @param messageKey page text that says what is wrong
     * @param hints      zxcvbn's warning and suggestions, in the page's language, may be empty
     */
    public record Rejected(String messageKey, List<String> hints) implements Result {
    }

    private PasswordRules() {
    }

    /**
     * Checks {@code password}; {@code context} lists words the password must not lean on, such as
     * the pseudonym and the organisation's name.
     */
    public static Result check(String password, List<String> context, Locale locale) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_CHARS) {
            return new Rejected("postbox.error.password-short", List.of());
        }
        if (length > MAX_CHARS) {
            return new Rejected("postbox.error.password-long", List.of());
        }
        Strength strength = new Zxcvbn().measure(password, context);
        try {
            if (strength.getScore() >= MIN_SCORE) {
                return new Accepted();
            }
            List<String> hints = new ArrayList<>();
            String warning = strength.getFeedback().getWarning(locale);
            if (warning != null && !warning.isBlank()) {
                hints.add(warning);
            }
            hints.addAll(strength.getFeedback().getSuggestions(locale));
            return new Rejected("postbox.error.password-weak", List.copyOf(hints));
        } finally {
            strength.wipe();
        }
    }
}
