package org.sealbox.internal;

import java.util.Optional;

/** What a breach calls for under the GDPR, from least to most. */
public enum Recommendation {
    /** Record the breach in the register only (Art. 33(5) applies to every breach). */
    DOCUMENT_ONLY("document"),
    /** Also notify the supervisory authority (Art. 33(1)). */
    NOTIFY_AUTHORITY("notify-authority"),
    /** Also notify the authority and communicate the breach to the people affected (Art. 34(1)). */
    NOTIFY_AUTHORITY_AND_PEOPLE("notify-people");

    private final String id;

    Recommendation(String id) {
        this.id = id;
    }

    /** The stable id used in forms and in stored records. */
    public String id() {
        return id;
    }

    public static Optional<Recommendation> fromId(String id) {
        for (Recommendation recommendation : values()) {
            if (recommendation.id.equals(id)) {
                return Optional.of(recommendation);
            }
        }
        return Optional.empty();
    }
}
