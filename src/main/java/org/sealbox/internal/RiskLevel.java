package org.sealbox.internal;

import java.util.Optional;

/** A five-step scale for the likelihood and for the severity of harm from a breach, lowest first. */
public enum RiskLevel {
    NONE("none"),
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high"),
    VERY_HIGH("very-high");

    private final String id;

    RiskLevel(String id) {
        this.id = id;
    }

    /** The stable id used in forms and in stored records. */
    public String id() {
        return id;
    }

    public static Optional<RiskLevel> fromId(String id) {
        for (RiskLevel level : values()) {
            if (level.id.equals(id)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
