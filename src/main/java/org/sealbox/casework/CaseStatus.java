package org.sealbox.casework;

import java.util.Arrays;
import java.util.Optional;

import org.sealbox.report.ReportKind;

/**
 * The workflow status of a case, stored by {@link #id()} in {@code report_case.status}. Officers
 * set it freely, apart from {@link #REPORTED_TO_AUTHORITY}, which applies to breaches only.
 * Acknowledging, recording a notification of the authority and closing also set it as a side
 * effect.
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

    /** Returns whether an officer may choose this status for a case of {@code kind}. */
    public boolean allowedFor(ReportKind kind) {
        return this != REPORTED_TO_AUTHORITY || kind == ReportKind.BREACH;
    }

    public static Optional<CaseStatus> fromId(String id) {
        return Arrays.stream(values()).filter(status -> status.id.equals(id)).findFirst();
    }
}
