package org.sealbox.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportValidatorTest {

    private final FormCatalog.Form breach = FormCatalog.load(Optional.empty()).form(ReportKind.BREACH);
    private final FormCatalog.Form request = FormCatalog.load(Optional.empty()).form(ReportKind.REQUEST);
    private final ReportValidator validator = new ReportValidator(100);

    private static final Map<String, List<String>> COMPLETE_BREACH = Map.of(
            "breach-type", List.of("loss"),
            "occurred", List.of("last-week"),
            "noticed", List.of("last-24h"),
            "data-categories", List.of("health"),
            "people-affected", List.of("one"),
            "ongoing", List.of("no"),
            "source", List.of("observed"),
            "relation", List.of("employee"));

    private List<ReportValidator.Problem> check(FormCatalog.Form form, Map<String, List<String>> answers, String details) {
        return validator.validate(form, new ReportDraft(form.kind(), answers, details, Optional.empty()), Locale.ENGLISH);
    }

    @Test
    void completeBreachPasses() {
        assertEquals(List.of(), check(breach, COMPLETE_BREACH, "It happened."));
    }

    @Test
    void everyMissingAnswerListed() {
        List<ReportValidator.Problem> problems = check(breach, Map.of(), " ");

        assertEquals(9, problems.size());
        assertEquals("form.error.required", problems.getFirst().messageKey());
        assertEquals("form.error.details-required", problems.getLast().messageKey());
    }

    @Test
    void unknownOptionRejected() {
        var answers = new java.util.HashMap<>(COMPLETE_BREACH);
        answers.put("occurred", List.of("yesterday-ish"));

        List<ReportValidator.Problem> problems = check(breach, answers, "x");

        assertEquals(1, problems.size());
        assertEquals("form.error.option", problems.getFirst().messageKey());
    }

    @Test
    void twoAnswersToSingleRejected() {
        var answers = new java.util.HashMap<>(COMPLETE_BREACH);
        answers.put("ongoing", List.of("yes", "no"));

        assertEquals("form.error.single", check(breach, answers, "x").getFirst().messageKey());
    }

    @Test
    void detailsOverLimitCountsCodePoints() {
        String exactly = "日".repeat(100);
        String over = "😀".repeat(101);

        assertEquals(List.of(), check(breach, COMPLETE_BREACH, exactly));
        ReportValidator.Problem problem = check(breach, COMPLETE_BREACH, over).getFirst();
        assertEquals("form.error.details-too-long", problem.messageKey());
        assertEquals(List.of(101, 100), problem.args());
    }

    @Test
    void requestNeedsRightAndContact() {
        List<ReportValidator.Problem> problems = check(request, Map.of(), "");

        List<String> fields = problems.stream().map(ReportValidator.Problem::field).toList();
        assertEquals(List.of("right", "contact-name", "contact-address", "identification"), fields);
    }

    @Test
    void textAnswerOverItsLimit() {
        var answers = Map.of(
                "right", List.of("erasure"),
                "contact-name", List.of("x".repeat(201)),
                "contact-address", List.of("somewhere"),
                "identification", List.of("customer 42"));

        ReportValidator.Problem problem = check(request, answers, "").getFirst();

        assertEquals("contact-name", problem.field());
        assertEquals("form.error.too-long", problem.messageKey());
        assertTrue(problem.args().contains(201));
    }
}
