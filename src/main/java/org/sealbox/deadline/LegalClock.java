package org.sealbox.deadline;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes the legal deadlines of a case with calendar arithmetic in the organisation's time zone.
 *
 * <p>Every period is added to the local date and time ({@link ZonedDateTime#plusDays(long)},
 * {@link ZonedDateTime#plusMonths(long)}), so a deadline shows the same wall-clock time as the
 * event that started it, also across a daylight-saving change. Adding months keeps the day of the
 * month when that month has it and takes the month's last day otherwise: 31 January plus one
 * month is 28 February, or 29 February in a leap year. When the resulting local time does not
 * exist because clocks move forward, it moves later by the length of the gap (02:30 becomes 03:30
 * in Europe/Berlin). When it exists twice because clocks move back, the offset of the starting
 * time is kept if it is valid, otherwise the earlier of the two instants is used.
 *
 * <p>NOTE: Regulation (EEC, Euratom) No 1182/71 Art. 3(4) moves the end of a period that is not
 * expressed in hours to the end of the next working day when its last day is a Saturday, Sunday or
 * public holiday. National practice may also count a month to the end of its last day. This class
 * applies neither rule because it has no calendar of public holidays, so its day and month
 * deadlines are never later than under those rules.
 *
 * <p>Immutable and thread-safe.
 */
public final class LegalClock {

    private static final int BREACH_NOTIFICATION_DAYS = 3;
    private static final int REQUEST_RESPONSE_MONTHS = 1;
    private static final int REQUEST_RESPONSE_EXTENDED_MONTHS = 3;
    private static final int ACKNOWLEDGEMENT_DAYS = 7;
    private static final int FEEDBACK_MONTHS = 3;

    private final ZoneId zone;

    /** Creates a clock that computes deadlines in {@code zone}, the organisation's time zone. */
    public LegalClock(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Returns the time zone in which the deadlines are computed. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Computes when a personal-data breach must be notified to the supervisory authority: "where
     * feasible, not later than 72 hours after having become aware of it" (GDPR Art. 33(1)). A later
     * notification must give the reasons for the delay.
     *
     * <p>The regulation counts 72 elapsed hours ({@code awareness + 72h}), so read literally its
     * deadline shows a wall-clock time one hour off when a daylight-saving change falls inside the
     * period. This method instead adds three calendar days, so that the deadline keeps the
     * wall-clock time of the awareness. That is the time officers and authorities read and compare
     * with their own records.
     *
     * <p>NOTE: the two readings differ only when the three days contain a daylight-saving change.
     * Over the spring change (Europe/Berlin, last Sunday of March) the period is 71 elapsed hours,
     * one hour earlier than the literal reading, which is safe. Over the autumn change (last Sunday
     * of October) it is 73 elapsed hours, one hour later than the literal reading, so officers
     * should not wait for the last hour on that weekend.
     *
     * @param awareness when the controller became aware of the breach, which may be earlier than
     *                  the receipt of the report
     */
    public Deadline breachNotification(Instant awareness) {
        return new Deadline(Deadline.Kind.BREACH_NOTIFICATION,
                local(awareness, "awareness").plusDays(BREACH_NOTIFICATION_DAYS));
    }

    /**
     * Computes when the response to a data subject's request is due: "within one month of receipt
     * of the request" (GDPR Art. 12(3)).
     */
    public Deadline requestResponse(Instant received) {
        return new Deadline(Deadline.Kind.REQUEST_RESPONSE,
                local(received, "received").plusMonths(REQUEST_RESPONSE_MONTHS));
    }

    /**
     * Computes when the response is due after an extension: GDPR Art. 12(3) allows "two further
     * months", three months from receipt in total. The three months are added to the receipt in
     * one step: a request received on 31 January is due on 30 April, not on 28 April (which adding
     * two months to 28 February would give). The extension is valid only if it was communicated in
     * time, see {@link #extensionAllowed(Instant, Instant)}.
     */
    public Deadline requestResponseExtended(Instant received) {
        return new Deadline(Deadline.Kind.REQUEST_RESPONSE_EXTENDED,
                local(received, "received").plusMonths(REQUEST_RESPONSE_EXTENDED_MONTHS));
    }

    /**
     * Returns whether the response to a request received at {@code received} may still be
     * extended at {@code now}. GDPR Art. 12(3) requires the data subject to be informed of the extension,
     * with the reasons, within one month of receipt, so this is true while {@code now} is before
     * the {@link #requestResponse(Instant)} deadline.
     */
    public boolean extensionAllowed(Instant received, Instant now) {
        Objects.requireNonNull(now, "now");
        return now.isBefore(requestResponse(received).due().toInstant());
    }

    /**
     * Computes when receipt of a report must be acknowledged: "within seven days of that receipt"
     * (Directive (EU) 2019/1937 Art. 9(1)(b)). It applies to every report, of either
     * {@link org.sealbox.report.ReportKind}.
     */
    public Deadline acknowledgement(Instant received) {
        return new Deadline(Deadline.Kind.ACKNOWLEDGEMENT,
                local(received, "received").plusDays(ACKNOWLEDGEMENT_DAYS));
    }

    /**
     * Computes when the reporting person must receive feedback (Directive (EU) 2019/1937
     * Art. 9(1)(f)): three months after the acknowledgement of receipt, or, when none was sent,
     * three months after the seven-day acknowledgement period ended.
     *
     * <p>NOTE: for an acknowledgement sent after the seven days, the article read literally gives
     * three months from that late acknowledgement. This method returns the earlier of that and
     * three months from the end of the seven days, so a late acknowledgement never moves the
     * feedback deadline later.
     *
     * @param received     when the report was received
     * @param acknowledged when the acknowledgement was sent, or empty when it has not been sent
     */
    public Deadline feedback(Instant received, Optional<Instant> acknowledged) {
        Objects.requireNonNull(acknowledged, "acknowledged");
        ZonedDateTime withoutAcknowledgement = acknowledgement(received).due().plusMonths(FEEDBACK_MONTHS);
        ZonedDateTime due = withoutAcknowledgement;
        if (acknowledged.isPresent()) {
            ZonedDateTime afterAcknowledgement = local(acknowledged.get(), "acknowledged").plusMonths(FEEDBACK_MONTHS);
            if (afterAcknowledgement.isBefore(withoutAcknowledgement)) {
                due = afterAcknowledgement;
            }
        }
        return new Deadline(Deadline.Kind.FEEDBACK, due);
    }

    private ZonedDateTime local(Instant instant, String name) {
        return Objects.requireNonNull(instant, name).atZone(zone);
    }
}
