package org.sealbox.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sealbox.web.Messages;
import org.sealbox.web.Sizes;

/**
 * Builds the template models of the form and review pages from a draft. Stateless.
 */
final class ReportViews {

    private final Messages messages;
    private final ReportValidator validator;
    private final long attachmentMaxBytes;

    /** An error message and the id of the element it belongs to, for the summary at the top. */
    record FieldError(String anchor, String message) {
    }

    /**
     * What the form page shows besides the draft.
     *
     * @param problems        validation problems per field
     * @param attachmentError message for the attachment field
     * @param formError       message about the whole form (unreadable, malformed)
     * @param challengeError  message for the security question, or null when it is not asked
     */
    record FormState(List<ReportValidator.Problem> problems, String attachmentError, String formError,
                     String challengeError, boolean askChallenge) {

        static FormState clean() {
            return new FormState(List.of(), null, null, null, false);
        }
    }

    ReportViews(Messages messages, ReportValidator validator, long attachmentMaxBytes) {
        this.messages = messages;
        this.validator = validator;
        this.attachmentMaxBytes = attachmentMaxBytes;
    }

    Map<String, Object> form(FormCatalog.Form form, ReportDraft draft, FormState state) {
        Locale locale = messages.locale();
        Map<String, String> problemByField = new HashMap<>();
        for (ReportValidator.Problem problem : state.problems()) {
            problemByField.putIfAbsent(problem.field(), messages.get(problem.messageKey(), problem.args().toArray()));
        }
        List<FieldError> errors = new ArrayList<>();
        if (state.formError() != null) {
            errors.add(new FieldError(null, state.formError()));
        }
        if (state.challengeError() != null) {
            errors.add(new FieldError("challenge-answer", state.challengeError()));
        }

        List<Map<String, Object>> questions = new ArrayList<>();
        for (Question question : form.questions()) {
            String error = problemByField.get(question.id());
            if (error != null) {
                errors.add(new FieldError("question-" + question.id(), error));
            }
            questions.add(questionModel(question, draft.answer(question.id()), error, locale));
        }

        String detailsError = problemByField.get(ReportValidator.DETAILS);
        if (detailsError != null) {
            errors.add(new FieldError("details", detailsError));
        }
        if (state.attachmentError() != null) {
            errors.add(new FieldError("attachment", state.attachmentError()));
        }

        Map<String, Object> model = new HashMap<>();
        model.put("title", messages.get("form.title." + form.kind().id()));
        model.put("kind", form.kind().id());
        model.put("questions", questions);
        model.put("details", draft.details());
        model.put("detailsLabel", messages.get("form.details.label." + form.kind().id()));
        model.put("detailsHint", messages.get("form.details.hint", validator.detailsMaxChars()));
        model.put("detailsRequired", form.freeTextRequired());
        model.put("detailsError", detailsError);
        model.put("attachmentLabel", messages.get("form.attachment.label", Sizes.format(messages, attachmentMaxBytes)));
        model.put("attachmentError", state.attachmentError());
        draft.attachment().ifPresent(file -> model.put("attachment", Map.of(
                "id", file.id(), "key", file.key(), "name", file.name(), "size", file.size(),
                "current", messages.get("form.attachment.current", file.name(), Sizes.format(messages, file.size())))));
        model.put("errors", errors);
        model.put("hasErrors", !errors.isEmpty());
        model.put("needsChallenge", state.askChallenge());
        model.put("challengeError", state.challengeError());
        return model;
    }

    private Map<String, Object> questionModel(Question question, List<String> values, String error, Locale locale) {
        Map<String, Object> model = new HashMap<>();
        String inputId = "q-" + question.id();
        model.put("anchor", "question-" + question.id());
        model.put("inputId", inputId);
        model.put("name", DraftFields.QUESTION_PREFIX + question.id());
        model.put("label", question.label(locale));
        model.put("hint", question.hint(locale));
        model.put("required", question.required());
        model.put("error", error);
        model.put("maxChars", question.maxChars());
        model.put("choice", question.type().isChoice());
        model.put("text", question.type() == Question.Type.TEXT);
        model.put("textarea", question.type() == Question.Type.TEXTAREA);
        model.put("textValue", values.isEmpty() ? "" : values.getFirst());
        List<Map<String, Object>> options = new ArrayList<>();
        for (Question.Option option : question.options()) {
            options.add(Map.of(
                    "inputId", inputId + "-" + option.id(),
                    "name", DraftFields.QUESTION_PREFIX + question.id(),
                    "value", option.id(),
                    "label", option.label(locale),
                    "checked", values.contains(option.id()),
                    "inputType", question.type() == Question.Type.MULTI ? "checkbox" : "radio"));
        }
        model.put("options", options);
        return model;
    }

    Map<String, Object> review(FormCatalog.Form form, ReportDraft draft, String submission) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", messages.get("review.title", messages.get("review.kind." + form.kind().id())));
        model.put("answers", AnswerRows.of(form, draft.answers(), messages.locale()));
        model.put("details", draft.details());
        draft.attachment().ifPresent(file -> model.put("attachmentSummary",
                file.name() + " (" + Sizes.format(messages, file.size()) + ")"));
        model.put("kind", form.kind().id());
        model.put("hidden", DraftFields.hidden(draft));
        model.put("submission", submission);
        model.put("errors", List.of());
        model.put("hasErrors", false);
        return model;
    }
}
