package org.sealbox.internal;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * One risk assessment of a breach case, stored as an internal record of kind
 * {@link InternalRecords#RISK}.
 *
 * @param likelihood     how likely harm to the people affected is
 * @param severity       how serious that harm would be
 * @param recommendation what {@link RiskMatrix} recommends for the two
 * @param outcome        what the officer decided: the recommendation, or another one
 * @param reason         why the officer chose another outcome; may be empty when confirmed
 */
public record RiskAssessment(RiskLevel likelihood, RiskLevel severity, Recommendation recommendation,
                             Recommendation outcome, String reason) {

    @Override
    public String toString() {
        return "RiskAssessment[REDACTED]";
    }

    /** Returns whether the officer decided differently from the matrix. */
    public boolean overridden() {
        return outcome != recommendation;
    }

    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("likelihood", likelihood.id())
                .add("severity", severity.id())
                .add("recommendation", recommendation.id())
                .add("outcome", outcome.id())
                .add("reason", reason)
                .build();
    }

    /**
     * Reads a stored assessment.
     *
     * @throws IllegalArgumentException when a field is missing or contains an unknown id
     */
    public static RiskAssessment fromJson(JsonObject json) {
        return new RiskAssessment(
                RiskLevel.fromId(json.getString("likelihood", "")).orElseThrow(() -> invalid("likelihood")),
                RiskLevel.fromId(json.getString("severity", "")).orElseThrow(() -> invalid("severity")),
                Recommendation.fromId(json.getString("recommendation", "")).orElseThrow(() -> invalid("recommendation")),
                Recommendation.fromId(json.getString("outcome", "")).orElseThrow(() -> invalid("outcome")),
                json.getString("reason", ""));
    }

    private static IllegalArgumentException invalid(String field) {
        return new IllegalArgumentException("stored risk assessment has an invalid " + field);
    }
}
