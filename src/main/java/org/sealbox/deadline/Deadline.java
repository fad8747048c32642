package org.sealbox.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A legal deadline of a case: what is due and the moment it is due, in the organisation's time zone.
 *
 * <p>Immutable and thread-safe. {@link LegalClock} creates the instances.
 *
 * @param kind what is due
 * @param due  the moment it is due. The deadline is missed from this instant on.
 */
public record Deadline(Kind kind, ZonedDateTime due) {

    /** How long before {@link #due()} a deadline counts as {@link Urgency#DUE_SOON}: 24 elapsed hours. */
    public static final Duration DUE_SOON_WINDOW = Duration.ofHours(24);

    /** The obligations that {@link LegalClock} computes deadlines for. */
    public enum Kind {
        /** Notifying the supervisory authority of a personal-data breach, GDPR Art. 33(1). */
        BREACH_NOTIFICATION,
        /** Responding to a data subject's request within one month, GDPR Art. 12(3). */
        REQUEST_RESPONSE,
        /** Responding to a data subject's request after the extension of GDPR Art. 12(3). */
        REQUEST_RESPONSE_EXTENDED,
        /** Acknowledging receipt of a report, Directive (EU) 2019/1937 Art. 9(1)(b). */
        ACKNOWLEDGEMENT,
        /** Giving the reporting person feedback, Directive (EU) 2019/1937 Art. 9(1)(f). */
        FEEDBACK
    }

    /** Urgency of a deadline at a given instant. */
    public enum Urgency {
        /** More than {@link #DUE_SOON_WINDOW} is left. */
        OPEN,
        /** Not yet due, and at most {@link #DUE_SOON_WINDOW} is left. */
        DUE_SOON,
        /** The due instant has been reached or passed. */
        OVERDUE
    }

    /**
     * The state of a deadline at one instant.
     *
     * @param urgency  open, due soon or overdue
     * @param timeLeft elapsed time from that instant to the due instant. It is zero at the due
     *                 instant and negative once overdue, so its absolute value is then the delay.
     */
    public record Status(Urgency urgency, Duration timeLeft) {
        public Status {
            Objects.requireNonNull(urgency, "urgency");
            Objects.requireNonNull(timeLeft, "timeLeft");
        }
    }

    public Deadline {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(due, "due");
    }

    /**
     * Classifies this deadline at {@code now}. The deadline is overdue when {@code now} is at or
     * after {@link #due()}, due soon when at most 24 hours are left, and open otherwise.
     */
    public Status status(Instant now) {
        Objects.requireNonNull(now, "now");
        Duration timeLeft = Duration.between(now, due.toInstant());
        Urgency urgency;
        if (timeLeft.isNegative() || timeLeft.isZero()) {
            urgency = Urgency.OVERDUE;
        } else if (timeLeft.compareTo(DUE_SOON_WINDOW) <= 0) {
            urgency = Urgency.DUE_SOON;
        } else {
            urgency = Urgency.OPEN;
        }
        return new Status(urgency, timeLeft);
    }
}
