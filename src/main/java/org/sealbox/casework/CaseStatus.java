package org.sealbox.casework;

import java.util.Arrays;
import java.util.Optional;

/**
 * The workflow status of a case, stored by {@link #id()} in {@code report_case.status}. Officers
 * set it freely; only acknowledging and closing also set it as a side effect.
 */
public enum CaseStatus {
    NEW("new"),
    ACKNOWLEDGED("acknowledged"),
    IN_REVIEW("in-review"),
    WAITING_FOR_REPORTER("waiting-for-reporter"),
    REPORTED_TO_AUTHORITY("reported-to-authority"),
    CLOSED("closed");

    private final String id;

    CaseStatus(String id) {
        this.id = id;
    }

    /** The value stored in the database, used in form fields, and the key suffix of its labels. */
    public String id() {
        return id;
    }

    public static Optional<CaseStatus> fromId(String id) {
        return Arrays.stream(values()).filter(status -> status.id.equals(id)).findFirst();
    }
}
