package org.sealbox.casework;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.sealbox.deadline.Deadline;
import org.sealbox.deadline.LegalClock;
import org.sealbox.report.ReportKind;

/**
 * The legal deadlines of a case that are still open, from its clear workflow times. The case
 * list, the case page and the exports all take their dates from here, so they show the same
 * date everywhere. Thread-safe.
 */
public final class CaseClock {

    private final LegalClock clock;

    public CaseClock(ZoneId zone) {
        this.clock = new LegalClock(zone);
    }

    public LegalClock legalClock() {
        return clock;
    }

    /**
     * Returns the deadlines the case must still meet, nearest first; none once it is closed.
     *
     * <ul>
     *   <li>Breach report: notify the authority (GDPR Art. 33(1)) until a "not needed" decision or
     *       the notification is recorded.</li>
     *   <li>Information request: answer (GDPR Art. 12(3)), one month after receipt plus any
     *       extension, until answered.</li>
     *   <li>Every report: acknowledge within 7 days until acknowledged, then give feedback within
     *       3 months (Directive (EU) 2019/1937 Art. 9(1)(b) and (f)) until given.</li>
     * </ul>
     */
    public List<Deadline> open(CaseTimes times) {
        List<Deadline> open = new ArrayList<>();
        if (times.closedAt().isPresent()) {
            return open;
        }
        if (times.kind() == ReportKind.BREACH && times.authorityNotifiedAt().isEmpty()
                && !times.authorityDecision().equals(Optional.of("not-needed"))) {
            open.add(clock.breachNotification(times.awareness()));
        }
        if (times.kind() == ReportKind.REQUEST && times.answeredAt().isEmpty()) {
            open.add(requestResponse(times));
        }
        if (times.acknowledgedAt().isEmpty()) {
            open.add(clock.acknowledgement(times.received()));
        }
        if (times.feedbackAt().isEmpty()) {
            open.add(clock.feedback(times.received(), times.acknowledgedAt()));
        }
        open.sort(Comparator.comparing(deadline -> deadline.due().toInstant()));
        return open;
    }

    /** Returns the nearest open deadline, the one the case list sorts by. */
    public Optional<Deadline> nearest(CaseTimes times) {
        return open(times).stream().findFirst();
    }

    /** Returns the answer deadline of an information request: one month, plus the months of an extension. */
    public Deadline requestResponse(CaseTimes times) {
        if (times.extensionMonths() == 0) {
            return clock.requestResponse(times.received());
        }
        Deadline base = clock.requestResponse(times.received());
        Deadline extended = new Deadline(Deadline.Kind.REQUEST_RESPONSE_EXTENDED,
                base.due().minusMonths(1).plusMonths(1L + times.extensionMonths()));
        return extended;
    }
}
