package org.sealbox.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a reporter typed into a form, before it is sent. Lives in the session and in the hidden
 * fields of the review page, so that nothing is lost when the session ends.
 *
 * @param kind       breach report or information request
 * @param answers    selected option ids or typed text per question id
 * @param details    the free text
 * @param attachment the uploaded file, if any
 */
public record ReportDraft(ReportKind kind,
                          Map<String, List<String>> answers,
                          String details,
                          Optional<AttachmentRef> attachment) {

    /**
     * An uploaded file held as an encrypted draft.
     *
     * @param id   the draft's random id
     * @param key  the draft's file key, base64url; only the reporter's session and page hold it
     * @param name the original file name, for display
     * @param size the plaintext size in bytes
     */
    public record AttachmentRef(String id, String key, String name, long size) {

        @Override
        public String toString() {
            return "AttachmentRef[REDACTED]";
        }
    }

    public List<String> answer(String questionId) {
        return answers.getOrDefault(questionId, List.of());
    }

    @Override
    public String toString() {
        return "ReportDraft[" + kind + ", REDACTED]";
    }
}
