package org.sealbox.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One structured question of a report form, as defined in the forms file.
 *
 * @param id       stable name stored with the answer
 * @param type     how it is answered
 * @param required whether the form can be sent without an answer
 * @param maxChars maximum length of a text answer
 * @param label    question text per language tag
 * @param hint     optional help text per language tag
 * @param options  choices of single and multi questions
 */
public record Question(String id,
                       Type type,
                       boolean required,
                       int maxChars,
                       Map<String, String> label,
                       Map<String, String> hint,
                       List<Option> options) {

    /** How a question is answered. */
    public enum Type {
        SINGLE, MULTI, TEXT, TEXTAREA;

        public boolean isChoice() {
            return this == SINGLE || this == MULTI;
        }
    }

    /** A choice with its label per language tag. */
    public record Option(String id, Map<String, String> label) {

        public String label(Locale locale) {
            return localised(label, locale);
        }
    }

    public String label(Locale locale) {
        return localised(label, locale);
    }

    public String hint(Locale locale) {
        return hint.isEmpty() ? "" : localised(hint, locale);
    }

    public Optional<Option> option(String optionId) {
        return options.stream().filter(option -> option.id().equals(optionId)).findFirst();
    }

    /** The text for the locale's language, else English, which the forms file must have. */
    static String localised(Map<String, String> texts, Locale locale) {
        String text = texts.get(locale.getLanguage());
        return text != null ? text : texts.getOrDefault("en", "");
    }
}
