package org.sealbox.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deadlines in Europe/Berlin, where 2025 summer time starts on 30 March (02:00 CET becomes
 * 03:00 CEST) and ends on 26 October (03:00 CEST becomes 02:00 CET).
 */
class LegalClockTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LegalClock CLOCK = new LegalClock(BERLIN);

    /** 2025-01-31 14:00 CET (+01:00): no daylight-saving change, but a month end. */
    @Test
    void januaryThirtyFirstDeadlines() {
        Instant received = berlin("2025-01-31T14:00+01:00[Europe/Berlin]").toInstant();

        // Three days in winter time are exactly 72 elapsed hours.
        assertEquals(berlin("2025-02-03T14:00+01:00[Europe/Berlin]"), CLOCK.breachNotification(received).due());
        assertEquals(Duration.ofHours(72), elapsed(received, CLOCK.breachNotification(received)));
        // February has no 31st, so one month later is its last day.
        assertEquals(berlin("2025-02-28T14:00+01:00[Europe/Berlin]"), CLOCK.requestResponse(received).due());
        // Three months are added at once: 30 April, not 28 April, and in summer time.
        assertEquals(berlin("2025-04-30T14:00+02:00[Europe/Berlin]"), CLOCK.requestResponseExtended(received).due());
        assertEquals(berlin("2025-02-07T14:00+01:00[Europe/Berlin]"), CLOCK.acknowledgement(received).due());
        // Not acknowledged: three months after the seven days ended on 7 February.
        assertEquals(berlin("2025-05-07T14:00+02:00[Europe/Berlin]"), CLOCK.feedback(received, Optional.empty()).due());
    }

    /** 2025-03-28 14:00 CET (+01:00): the 72 hours cross the start of summer time on 30 March. */
    @Test
    void summerTimeStartDeadlines() {
        Instant received = berlin("2025-03-28T14:00+01:00[Europe/Berlin]").toInstant();

        // Same wall-clock time three days later, now at +02:00: only 71 elapsed hours.
        assertEquals(berlin("2025-03-31T14:00+02:00[Europe/Berlin]"), CLOCK.breachNotification(received).due());
        assertEquals(Duration.ofHours(71), elapsed(received, CLOCK.breachNotification(received)));
        assertEquals(berlin("2025-04-28T14:00+02:00[Europe/Berlin]"), CLOCK.requestResponse(received).due());
        assertEquals(berlin("2025-06-28T14:00+02:00[Europe/Berlin]"), CLOCK.requestResponseExtended(received).due());
        assertEquals(berlin("2025-04-04T14:00+02:00[Europe/Berlin]"), CLOCK.acknowledgement(received).due());
        assertEquals(berlin("2025-07-04T14:00+02:00[Europe/Berlin]"), CLOCK.feedback(received, Optional.empty()).due());
    }

    /** 2025-10-24 14:00 CEST (+02:00): the 72 hours cross the end of summer time on 26 October. */
    @Test
    void summerTimeEndDeadlines() {
        Instant received = berlin("2025-10-24T14:00+02:00[Europe/Berlin]").toInstant();

        // Same wall-clock time three days later, now at +01:00: 73 elapsed hours.
        assertEquals(berlin("2025-10-27T14:00+01:00[Europe/Berlin]"), CLOCK.breachNotification(received).due());
        assertEquals(Duration.ofHours(73), elapsed(received, CLOCK.breachNotification(received)));
        assertEquals(berlin("2025-11-24T14:00+01:00[Europe/Berlin]"), CLOCK.requestResponse(received).due());
        assertEquals(berlin("2026-01-24T14:00+01:00[Europe/Berlin]"), CLOCK.requestResponseExtended(received).due());
        assertEquals(berlin("2025-10-31T14:00+01:00[Europe/Berlin]"), CLOCK.acknowledgement(received).due());
        // Seven days end on 31 October, and three months later is 31 January, which exists.
        assertEquals(berlin("2026-01-31T14:00+01:00[Europe/Berlin]"), CLOCK.feedback(received, Optional.empty()).due());
    }

    /** 2024 is a leap year, so 31 January plus one month is 29 February. */
    @Test
    void leapYearMonthEnd() {
        Instant received = berlin("2024-01-31T14:00+01:00[Europe/Berlin]").toInstant();

        assertEquals(berlin("2024-02-29T14:00+01:00[Europe/Berlin]"), CLOCK.requestResponse(received).due());
        assertEquals(berlin("2024-04-30T14:00+02:00[Europe/Berlin]"), CLOCK.requestResponseExtended(received).due());
    }

    /** 02:30 on 30 March 2025 does not exist in Berlin, so the deadline moves to 03:30 CEST. */
    @Test
    void deadlineInGapMovesLater() {
        Instant awareness = berlin("2025-03-27T02:30+01:00[Europe/Berlin]").toInstant();

        assertEquals(berlin("2025-03-30T03:30+02:00[Europe/Berlin]"), CLOCK.breachNotification(awareness).due());
    }

    /** 02:30 on 26 October 2025 exists twice, and the +02:00 offset of the awareness is kept. */
    @Test
    void deadlineInOverlapKeepsOffset() {
        Instant awareness = berlin("2025-10-23T02:30+02:00[Europe/Berlin]").toInstant();

        ZonedDateTime due = CLOCK.breachNotification(awareness).due();

        assertEquals(Instant.parse("2025-10-26T00:30:00Z"), due.toInstant());
        assertEquals("+02:00", due.getOffset().getId());
    }

    @Test
    void feedbackAfterTimelyAcknowledgement() {
        Instant received = berlin("2025-01-31T14:00+01:00[Europe/Berlin]").toInstant();
        Instant acknowledged = berlin("2025-02-03T09:30+01:00[Europe/Berlin]").toInstant();

        // Three months after the acknowledgement, earlier than three months after the seven days.
        assertEquals(berlin("2025-05-03T09:30+02:00[Europe/Berlin]"),
                CLOCK.feedback(received, Optional.of(acknowledged)).due());
    }

    @Test
    void lateAcknowledgementKeepsFeedbackDue() {
        Instant received = berlin("2025-01-31T14:00+01:00[Europe/Berlin]").toInstant();
        Instant acknowledged = berlin("2025-02-20T10:00+01:00[Europe/Berlin]").toInstant();

        // Acknowledged after the seven days: the feedback stays due three months after 7 February.
        assertEquals(berlin("2025-05-07T14:00+02:00[Europe/Berlin]"),
                CLOCK.feedback(received, Optional.of(acknowledged)).due());
    }

    /** The extension must be communicated before the one-month deadline, 2025-02-28 14:00 CET. */
    @Test
    void extensionAllowedWithinFirstMonth() {
        Instant received = berlin("2025-01-31T14:00+01:00[Europe/Berlin]").toInstant();
        Instant monthEnd = berlin("2025-02-28T14:00+01:00[Europe/Berlin]").toInstant();

        assertTrue(CLOCK.extensionAllowed(received, received));
        assertTrue(CLOCK.extensionAllowed(received, monthEnd.minusSeconds(1)));
        assertFalse(CLOCK.extensionAllowed(received, monthEnd));
        assertFalse(CLOCK.extensionAllowed(received, monthEnd.plusSeconds(3600)));
    }

    @Test
    void statusBoundaries() {
        Deadline deadline = CLOCK.breachNotification(berlin("2025-01-31T14:00+01:00[Europe/Berlin]").toInstant());
        Instant due = deadline.due().toInstant();

        Deadline.Status open = deadline.status(due.minus(Duration.ofHours(24)).minusSeconds(1));
        Deadline.Status soonStart = deadline.status(due.minus(Duration.ofHours(24)));
        Deadline.Status soonEnd = deadline.status(due.minusSeconds(1));
        Deadline.Status atDue = deadline.status(due);
        Deadline.Status late = deadline.status(due.plus(Duration.ofMinutes(90)));

        assertEquals(Deadline.Urgency.OPEN, open.urgency());
        assertEquals(Duration.ofHours(24).plusSeconds(1), open.timeLeft());
        assertEquals(Deadline.Urgency.DUE_SOON, soonStart.urgency());
        assertEquals(Duration.ofHours(24), soonStart.timeLeft());
        assertEquals(Deadline.Urgency.DUE_SOON, soonEnd.urgency());
        assertEquals(Duration.ofSeconds(1), soonEnd.timeLeft());
        assertEquals(Deadline.Urgency.OVERDUE, atDue.urgency());
        assertEquals(Duration.ZERO, atDue.timeLeft());
        assertEquals(Deadline.Urgency.OVERDUE, late.urgency());
        assertEquals(Duration.ofMinutes(-90), late.timeLeft());
    }

    /** Over the autumn change the last 24 hours before the deadline start at 14:00 CEST on 26 October. */
    @Test
    void dueSoonWindowIsElapsedHours() {
        Deadline deadline = CLOCK.breachNotification(berlin("2025-10-24T14:00+02:00[Europe/Berlin]").toInstant());
        Instant windowStart = berlin("2025-10-26T14:00+01:00[Europe/Berlin]").toInstant();

        assertEquals(Deadline.Urgency.OPEN, deadline.status(windowStart.minusSeconds(1)).urgency());
        assertEquals(Deadline.Urgency.DUE_SOON, deadline.status(windowStart).urgency());
    }

    @Test
    void deadlineKinds() {
        Instant received = Instant.parse("2025-01-31T13:00:00Z");

        assertEquals(Deadline.Kind.BREACH_NOTIFICATION, CLOCK.breachNotification(received).kind());
        assertEquals(Deadline.Kind.REQUEST_RESPONSE, CLOCK.requestResponse(received).kind());
        assertEquals(Deadline.Kind.REQUEST_RESPONSE_EXTENDED, CLOCK.requestResponseExtended(received).kind());
        assertEquals(Deadline.Kind.ACKNOWLEDGEMENT, CLOCK.acknowledgement(received).kind());
        assertEquals(Deadline.Kind.FEEDBACK, CLOCK.feedback(received, Optional.empty()).kind());
        assertEquals(BERLIN, CLOCK.breachNotification(received).due().getZone());
    }

    private static ZonedDateTime berlin(String text) {
        return ZonedDateTime.parse(text);
    }

    private static Duration elapsed(Instant from, Deadline deadline) {
        return Duration.between(from, deadline.due().toInstant());
    }
}
