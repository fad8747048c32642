package org.sealbox.casework;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.sealbox.deadline.Deadline;
import org.sealbox.web.Messages;

/**
 * Page models of deadlines and times in the organisation's time zone, shared by the case list and
 * the case page so that both print a deadline the same way. Thread-safe.
 */
public final class DeadlineViews {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Messages messages;
    private final ZoneId zone;

    public DeadlineViews(Messages messages, ZoneId zone) {
        this.messages = messages;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Formats an instant as local date and time in the organisation's zone, e.g. "2025-02-03 14:00". */
    public String dateTime(Instant instant) {
        return DATE_TIME.format(instant.atZone(zone));
    }

    /** Formats an instant with the zone named: "2025-02-03 14:00 (Europe/Berlin)". */
    public String dateTimeWithZone(Instant instant) {
        return messages.get("casework.at", dateTime(instant), zone.getId());
    }

    /**
     * Returns the model of one deadline at {@code now}: {@code kind}, {@code due}, {@code timeLeft},
     * {@code urgencyClass} (CSS class, empty when open) and {@code urgencyLabel} (text, null when open).
     */
    public Map<String, Object> deadline(Deadline deadline, Instant now) {
        Deadline.Status status = deadline.status(now);
        Map<String, Object> model = new HashMap<>();
        model.put("kind", messages.get("casework.deadline." + deadline.kind().name().toLowerCase(Locale.ROOT)));
        ZonedDateTime due = deadline.due();
        model.put("due", messages.get("casework.at", DATE_TIME.format(due), zone.getId()));
        model.put("timeLeft", timeLeft(status.timeLeft()));
        switch (status.urgency()) {
            case OVERDUE -> {
                model.put("urgencyClass", "overdue");
                model.put("urgencyLabel", messages.get("casework.urgency.overdue"));
            }
            case DUE_SOON -> {
                model.put("urgencyClass", "due-soon");
                model.put("urgencyLabel", messages.get("casework.urgency.due-soon"));
            }
            case OPEN -> model.put("urgencyClass", "");
        }
        return model;
    }

    /** Describes time left ("3 d 4 h left"), or the delay once negative ("overdue by 5 h 0 min"). */
    public String timeLeft(Duration left) {
        Duration magnitude = left.abs();
        String amount;
        if (magnitude.toDays() >= 1) {
            amount = messages.get("casework.duration.days", magnitude.toDays(), magnitude.toHoursPart());
        } else {
            amount = messages.get("casework.duration.hours", magnitude.toHours(), magnitude.toMinutesPart());
        }
        return messages.get(left.isNegative() || left.isZero() ? "casework.time-overdue" : "casework.time-left", amount);
    }
}
