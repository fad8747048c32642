package org.sealbox.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Page texts of one locale from the {@code i18n/messages} bundle (UTF-8 properties files).
 * Thread-safe.
 */
public final class Messages {

    private static final String BUNDLE = "i18n.messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    public static Messages forLocale(Locale locale) {
        return new Messages(ResourceBundle.getBundle(BUNDLE, locale), locale);
    }

    public Locale locale() {
        return locale;
    }

    /**
     * Returns the text for {@code key}, formatted with {@code args} when given.
     *
     * @throws MissingResourceException when the key is missing, so that a typo fails tests
     */
    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        if (args.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
