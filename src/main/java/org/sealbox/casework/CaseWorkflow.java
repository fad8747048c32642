package org.sealbox.casework;

import java.time.Instant;
import java.util.Optional;

import org.sealbox.report.ReportKind;

/**
 * The clear workflow columns of one {@code report_case} row, as loaded for a change. The
 * workflow routes change the fields and {@link WorkflowStore#save} writes them back together
 * with a new version and {@code next_deadline}. Not thread-safe: one request owns an instance.
 */
public final class CaseWorkflow {

    final long id;
    final String reference;
    final ReportKind kind;
    final long receivedHour;
    final long version;
    final byte[] internalPublicKey;
    String status;
    Optional<Long> assigneeId;
    Optional<Instant> awareAt;
    Optional<Instant> acknowledgedAt;
    Optional<Instant> feedbackAt;
    int extensionMonths;
    Optional<Instant> extendedAt;
    Optional<Instant> answeredAt;
    Optional<String> authorityDecision;
    Optional<Instant> authorityNotifiedAt;
    Optional<Instant> closedAt;

    CaseWorkflow(long id, String reference, ReportKind kind, long receivedHour, long version, byte[] internalPublicKey) {
        this.id = id;
        this.reference = reference;
        this.kind = kind;
        this.receivedHour = receivedHour;
        this.version = version;
        this.internalPublicKey = internalPublicKey;
    }

    public long id() {
        return id;
    }

    public String reference() {
        return reference;
    }

    public ReportKind kind() {
        return kind;
    }

    /** The version this row had when loaded; a form must carry the same number to change it. */
    public long version() {
        return version;
    }

    public String status() {
        return status;
    }

    public Optional<Long> assigneeId() {
        return assigneeId;
    }

    public Instant received() {
        return Instant.ofEpochSecond(receivedHour);
    }

    public Optional<Instant> awareAt() {
        return awareAt;
    }

    public Optional<Instant> acknowledgedAt() {
        return acknowledgedAt;
    }

    public Optional<Instant> feedbackAt() {
        return feedbackAt;
    }

    public int extensionMonths() {
        return extensionMonths;
    }

    public Optional<Instant> extendedAt() {
        return extendedAt;
    }

    public Optional<Instant> answeredAt() {
        return answeredAt;
    }

    public Optional<String> authorityDecision() {
        return authorityDecision;
    }

    public Optional<Instant> authorityNotifiedAt() {
        return authorityNotifiedAt;
    }

    public Optional<Instant> closedAt() {
        return closedAt;
    }

    /** The times from which {@link CaseClock} computes the open deadlines. */
    public CaseTimes times() {
        return new CaseTimes(kind, received(), awareAt, acknowledgedAt, feedbackAt, extensionMonths, answeredAt,
                authorityDecision, authorityNotifiedAt, closedAt);
    }
}
