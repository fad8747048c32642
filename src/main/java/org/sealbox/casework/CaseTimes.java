package org.sealbox.casework;

import java.time.Instant;
import java.util.Optional;

import org.sealbox.report.ReportKind;

/**
 * The clear workflow times of one case, as stored in {@code report_case}, from which its legal
 * deadlines follow. Every instant is exact except {@code received}, which is rounded down to the
 * hour when stored.
 *
 * @param kind                breach report or information request
 * @param received            when the report arrived
 * @param awareAt             when the organisation became aware of the breach, if an officer set it
 * @param acknowledgedAt      when the receipt was acknowledged to the reporter
 * @param feedbackAt          when feedback was given
 * @param extensionMonths     months added to an information request's deadline (0 to 2)
 * @param answeredAt          when an information request was answered
 * @param authorityDecision   "notify" or "not-needed", once decided
 * @param authorityNotifiedAt when the supervisory authority was notified
 * @param closedAt            when the case was closed
 */
public record CaseTimes(ReportKind kind,
                        Instant received,
                        Optional<Instant> awareAt,
                        Optional<Instant> acknowledgedAt,
                        Optional<Instant> feedbackAt,
                        int extensionMonths,
                        Optional<Instant> answeredAt,
                        Optional<String> authorityDecision,
                        Optional<Instant> authorityNotifiedAt,
                        Optional<Instant> closedAt) {

    /** When the 72 hours of GDPR Art. 33(1) start: the moment of awareness, else the receipt. */
    public Instant awareness() {
        return awareAt.orElse(received);
    }

    /** The times of a case just received: nothing done yet. */
    public static CaseTimes received(ReportKind kind, Instant received) {
        return new CaseTimes(kind, received, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
