package org.sealbox.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cases one session has sent, by the submission token of their review page, so that a
 * repeated POST of the same review shows the same reference number instead of a second case.
 * Guarded by the session lock.
 */
final class Receipts {

    /** A sent case as the receipt page shows it. */
    record Receipt(String reference, ReportKind kind) {

        @Override
        public String toString() {
            return "Receipt[REDACTED]";
        }
    }

    private static final int MAX_REMEMBERED = 20;

    private final Map<String, Receipt> bySubmission = new LinkedHashMap<>();
    private Receipt last;

    Optional<Receipt> find(String submission) {
        return Optional.ofNullable(bySubmission.get(submission));
    }

    void add(String submission, Receipt receipt) {
        if (bySubmission.size() >= MAX_REMEMBERED) {
            bySubmission.remove(bySubmission.keySet().iterator().next());
        }
        bySubmission.put(submission, receipt);
        last = receipt;
    }

    /** Makes the receipt of {@code submission} the one the receipt page shows. */
    void showLast(String submission) {
        find(submission).ifPresent(receipt -> last = receipt);
    }

    Optional<Receipt> last() {
        return Optional.ofNullable(last);
    }

    @Override
    public String toString() {
        return "Receipts[REDACTED]";
    }
}
