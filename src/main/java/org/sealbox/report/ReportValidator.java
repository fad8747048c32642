package org.sealbox.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a draft against its form: required answers, choices that exist, text limits.
 * Stateless; the web layer turns each {@link Problem} into a message next to its field.
 */
public final class ReportValidator {

    /** The field that {@link Problem#field()} names for the free text. */
    public static final String DETAILS = "details";

    /**
     * One thing to fix.
     *
     * @param field      question id, or {@link #DETAILS}
     * @param messageKey page text key
     * @param args       values for the message: the question, then counts
     */
    public record Problem(String field, String messageKey, List<Object> args) {
    }

    private final int detailsMaxChars;

    public ReportValidator(int detailsMaxChars) {
        this.detailsMaxChars = detailsMaxChars;
    }

    public int detailsMaxChars() {
        return detailsMaxChars;
    }

    /** Returns every problem of the draft in form order; empty when it can be sent. */
    public List<Problem> validate(FormCatalog.Form form, ReportDraft draft, java.util.Locale locale) {
        List<Problem> problems = new ArrayList<>();
        for (Question question : form.questions()) {
            checkQuestion(question, draft.answer(question.id()), locale, problems);
        }
        int detailsChars = length(draft.details());
        if (form.freeTextRequired() && draft.details().isBlank()) {
            problems.add(new Problem(DETAILS, "form.error.details-required", List.of()));
        } else if (detailsChars > detailsMaxChars) {
            problems.add(new Problem(DETAILS, "form.error.details-too-long", List.of(detailsChars, detailsMaxChars)));
        }
        return problems;
    }

    private static void checkQuestion(Question question, List<String> values, java.util.Locale locale,
                                      List<Problem> problems) {
        String label = question.label(locale);
        List<String> given = values.stream().filter(value -> !value.isBlank()).toList();
        if (given.isEmpty()) {
            if (question.required()) {
                problems.add(new Problem(question.id(), "form.error.required", List.of(label)));
            }
            return;
        }
        if (question.type().isChoice()) {
            if (question.type() == Question.Type.SINGLE && given.size() > 1) {
                problems.add(new Problem(question.id(), "form.error.single", List.of(label)));
            } else if (given.stream().anyMatch(value -> question.option(value).isEmpty())) {
                problems.add(new Problem(question.id(), "form.error.option", List.of(label)));
            }
            return;
        }
        int chars = length(given.getFirst());
        if (given.size() > 1) {
            problems.add(new Problem(question.id(), "form.error.single", List.of(label)));
        } else if (chars > question.maxChars()) {
            problems.add(new Problem(question.id(), "form.error.too-long", List.of(label, chars, question.maxChars())));
        }
    }

    /** Length in characters as a person counts them (Unicode code points). */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
