package org.sealbox.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.sealbox.report.FormCatalog;
import org.sealbox.report.Question;
import org.sealbox.web.Messages;

/**
 * Assembles the plain-text draft of a breach notification to the supervisory authority from a
 * case, in the order of GDPR Art. 33(3):
 * <ol type="a">
 *   <li>the nature of the breach, with the categories and approximate number of people and of
 *       records concerned: the reporter's answers to breach-type, data-categories and
 *       people-affected, and the register entry's facts;</li>
 *   <li>the name and contact details of the data protection officer or another contact point:
 *       the setting {@code sealbox.organisation.contact};</li>
 *   <li>the likely consequences: the register entry's effects and the risk assessment;</li>
 *   <li>the measures taken or proposed: the register entry's remedial action.</li>
 * </ol>
 * Parts that nobody has filled in yet say so, so the officer sees what is missing before sending.
 * Stateless and thread-safe.
 */
public final class NotificationDraft {

    private final Messages messages;
    private final String organisationName;
    private final String contact;
    private final java.time.ZoneId zone;

    /**
     * @param contact the contact point as configured; blank when not configured
     * @param zone    the organisation's time zone, in which the draft's times are written
     */
    public NotificationDraft(Messages messages, String organisationName, String contact, java.time.ZoneId zone) {
        this.messages = messages;
        this.organisationName = organisationName;
        this.contact = contact.strip();
        this.zone = zone;
    }

    /** Returns the draft for one breach case. */
    public String text(BreachRegister.Row row, FormCatalog.Form form, Map<String, List<String>> answers) {
        Locale locale = messages.locale();
        String missing = messages.get("draft.missing");
        StringBuilder text = new StringBuilder();
        text.append(messages.get("draft.heading")).append("\n\n");
        line(text, messages.get("draft.controller"), organisationName);
        line(text, messages.get("draft.our-reference"), row.reference());
        line(text, messages.get("draft.aware"), row.awareness() + " (" + zone.getId() + ")");
        if (!row.delayReason().isBlank()) {
            line(text, messages.get("draft.delay"), row.delayReason());
        }

        text.append('\n').append(messages.get("draft.part-a")).append('\n');
        line(text, messages.get("draft.breach-type"), answer(form, answers, "breach-type", locale).orElse(missing));
        line(text, messages.get("draft.data-categories"), answer(form, answers, "data-categories", locale).orElse(missing));
        line(text, messages.get("draft.people"), answer(form, answers, "people-affected", locale).orElse(missing));
        line(text, messages.get("draft.facts"), orMissing(row.facts(), missing));

        text.append('\n').append(messages.get("draft.part-b")).append('\n');
        text.append(contact.isEmpty() ? messages.get("draft.no-contact") : contact).append('\n');

        text.append('\n').append(messages.get("draft.part-c")).append('\n');
        line(text, messages.get("draft.effects"), orMissing(row.effects(), missing));
        String risk = row.outcome().isEmpty() ? missing
                : messages.get("draft.risk-summary", row.likelihood(), row.severity(), row.outcome());
        line(text, messages.get("draft.risk"), risk);

        text.append('\n').append(messages.get("draft.part-d")).append('\n');
        text.append(orMissing(row.remedial(), missing)).append('\n');
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(label).append(": ").append(value).append('\n');
    }

    private static String orMissing(String value, String missing) {
        return value.isBlank() ? missing : value;
    }

    /** The shown labels of the reporter's answer to one question, joined by commas. */
    private static Optional<String> answer(FormCatalog.Form form, Map<String, List<String>> answers, String questionId,
                                           Locale locale) {
        List<String> values = answers.getOrDefault(questionId, List.of());
        if (values.isEmpty()) {
            return Optional.empty();
        }
        Optional<Question> question = form.questions().stream().filter(q -> q.id().equals(questionId)).findFirst();
        List<String> shown = new ArrayList<>();
        for (String value : values) {
            shown.add(question.flatMap(q -> q.option(value)).map(option -> option.label(locale)).orElse(value));
        }
        return Optional.of(String.join(", ", shown));
    }
}
