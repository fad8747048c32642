package org.sealbox.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Answers as rows of question label and shown values, for the review page and the officer's case page. */
public final class AnswerRows {

    private AnswerRows() {
    }

    /** The answers as question label and displayed values, in form order. */
    public static List<Map<String, Object>> of(FormCatalog.Form form, Map<String, List<String>> answers, Locale locale) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, List<String>> rest = new LinkedHashMap<>(answers);
        for (Question question : form.questions()) {
            List<String> values = rest.remove(question.id());
            List<String> shown = new ArrayList<>();
            for (String value : values == null ? List.<String>of() : values) {
                Optional<Question.Option> option = question.option(value);
                shown.add(option.map(o -> o.label(locale)).orElse(value));
            }
            rows.add(Map.of("label", question.label(locale), "values", shown));
        }
        // Answers to questions that were removed from the forms file since the report was sent.
        rest.forEach((id, values) -> rows.add(Map.of("label", id, "values", values)));
        return rows;
    }

}
