package org.sealbox.casework;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses the date-time inputs of the workflow forms, typed in the organisation's time zone. */
final class LocalTimes {

    /** {@code datetime-local} sends "2025-03-28T14:00"; a browser without it lets people type a space. */
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd['T'][' ']HH:mm[:ss]");
    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private LocalTimes() {
    }

    /**
     * Parses a local date and time in {@code zone}. A time in a daylight-saving gap moves later by
     * the gap; a time that exists twice takes the earlier instant.
     *
     * @return empty when the text is not a date and time
     */
    static Optional<Instant> parse(String text, ZoneId zone) {
        try {
            return Optional.of(LocalDateTime.parse(text.strip(), INPUT).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Formats an instant as the value of a {@code datetime-local} field. */
    static String field(Instant instant, ZoneId zone) {
        return FIELD.format(instant.atZone(zone));
    }
}
