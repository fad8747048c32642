package org.sealbox.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.sealbox.web.FormData;

/**
 * Converts between a {@link ReportDraft} and form fields: {@code q.<question id>} per answer,
 * {@code details}, and {@code attachment.id/key/name/size} for a file already uploaded.
 * The review page carries the draft in these hidden fields so that it survives a lost session.
 */
public final class DraftFields {

    static final String QUESTION_PREFIX = "q.";
    static final String DETAILS = "details";
    static final String ATTACHMENT_ID = "attachment.id";
    static final String ATTACHMENT_KEY = "attachment.key";
    static final String ATTACHMENT_NAME = "attachment.name";
    static final String ATTACHMENT_SIZE = "attachment.size";
    static final String ATTACHMENT_REMOVE = "attachment.remove";

    /** One hidden input. */
    record Hidden(String name, String value) {
    }

    private DraftFields() {
    }

    /** Reads the answers of {@code form}'s questions and the free text; ignores unknown fields. */
    static ReportDraft fromForm(FormCatalog.Form form, FormData data, Optional<ReportDraft.AttachmentRef> attachment) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (Question question : form.questions()) {
            List<String> values = data.all(QUESTION_PREFIX + question.id());
            List<String> kept = new ArrayList<>();
            for (String value : values) {
                String clean = question.type() == Question.Type.TEXTAREA ? normaliseNewlines(value) : value.strip();
                if (!clean.isEmpty()) {
                    kept.add(clean);
                }
            }
            if (!kept.isEmpty()) {
                answers.put(question.id(), List.copyOf(kept));
            }
        }
        return new ReportDraft(form.kind(), answers, normaliseNewlines(data.first(DETAILS)), attachment);
    }

    /** Reads the attachment carried in hidden fields, unless the person ticked "remove". */
    public static Optional<ReportDraft.AttachmentRef> attachmentFrom(FormData data) {
        String id = data.first(ATTACHMENT_ID);
        String key = data.first(ATTACHMENT_KEY);
        if (id.isEmpty() || key.isEmpty() || data.has(ATTACHMENT_REMOVE)) {
            return Optional.empty();
        }
        long size;
        try {
            size = Long.parseLong(data.first(ATTACHMENT_SIZE));
        } catch (NumberFormatException e) {
            size = 0;
        }
        String name = data.first(ATTACHMENT_NAME);
        return Optional.of(new ReportDraft.AttachmentRef(id, key, name.isEmpty() ? "attachment" : name, size));
    }

    /** The hidden inputs that carry {@code draft} through the review page. */
    static List<Hidden> hidden(ReportDraft draft) {
        List<Hidden> hidden = new ArrayList<>();
        draft.answers().forEach((id, values) -> values.forEach(value -> hidden.add(new Hidden(QUESTION_PREFIX + id, value))));
        hidden.add(new Hidden(DETAILS, draft.details()));
        draft.attachment().ifPresent(file -> {
            hidden.add(new Hidden(ATTACHMENT_ID, file.id()));
            hidden.add(new Hidden(ATTACHMENT_KEY, file.key()));
            hidden.add(new Hidden(ATTACHMENT_NAME, file.name()));
            hidden.add(new Hidden(ATTACHMENT_SIZE, Long.toString(file.size())));
        });
        return hidden;
    }

    /** Browsers send CR LF in text areas; store LF only, as typed. */
    private static String normaliseNewlines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
