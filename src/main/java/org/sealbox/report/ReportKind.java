package org.sealbox.report;

import java.util.Locale;
import java.util.Optional;

/** The two things a reporter can send; the id is stored in clear beside each case. */
public enum ReportKind {
    BREACH("breach"),
    REQUEST("request");

    private final String id;

    ReportKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Returns the kind with this id, or empty for anything else (including null). */
    public static Optional<ReportKind> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (ReportKind kind : values()) {
            if (kind.id.equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
