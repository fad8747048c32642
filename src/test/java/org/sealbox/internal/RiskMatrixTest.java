package org.sealbox.internal;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sealbox.internal.Recommendation.DOCUMENT_ONLY;
import static org.sealbox.internal.Recommendation.NOTIFY_AUTHORITY;
import static org.sealbox.internal.Recommendation.NOTIFY_AUTHORITY_AND_PEOPLE;
import static org.sealbox.internal.RiskLevel.HIGH;
import static org.sealbox.internal.RiskLevel.LOW;
import static org.sealbox.internal.RiskLevel.MEDIUM;
import static org.sealbox.internal.RiskLevel.NONE;
import static org.sealbox.internal.RiskLevel.VERY_HIGH;

/** Every combination of likelihood and severity against the table in {@link RiskMatrix}'s Javadoc. */
class RiskMatrixTest {

    /** Row per likelihood, column per severity (none, low, medium, high, very high). */
    private static final Map<RiskLevel, String> EXPECTED = Map.of(
            NONE, "DDDDD",
            LOW, "DDAAA",
            MEDIUM, "DAAAP",
            HIGH, "DAAPP",
            VERY_HIGH, "DAPPP");

    @Test
    void everyCombinationMatchesTable() {
        int checked = 0;
        for (RiskLevel likelihood : RiskLevel.values()) {
            for (RiskLevel severity : RiskLevel.values()) {
                Recommendation expected = switch (EXPECTED.get(likelihood).charAt(severity.ordinal())) {
                    case 'D' -> DOCUMENT_ONLY;
                    case 'A' -> NOTIFY_AUTHORITY;
                    default -> NOTIFY_AUTHORITY_AND_PEOPLE;
                };
                assertEquals(expected, RiskMatrix.recommend(likelihood, severity),
                        "likelihood " + likelihood + ", severity " + severity);
                checked++;
            }
        }
        assertEquals(25, checked, "all five by five combinations");
    }

    @Test
    void neverLowerWhenEitherRises() {
        for (RiskLevel likelihood : RiskLevel.values()) {
            for (RiskLevel severity : RiskLevel.values()) {
                Recommendation here = RiskMatrix.recommend(likelihood, severity);
                if (likelihood.ordinal() < 4) {
                    RiskLevel higher = RiskLevel.values()[likelihood.ordinal() + 1];
                    assertTrue(RiskMatrix.recommend(higher, severity).compareTo(here) >= 0,
                            "raising likelihood from " + likelihood + " at severity " + severity);
                }
                if (severity.ordinal() < 4) {
                    RiskLevel higher = RiskLevel.values()[severity.ordinal() + 1];
                    assertTrue(RiskMatrix.recommend(likelihood, higher).compareTo(here) >= 0,
                            "raising severity from " + severity + " at likelihood " + likelihood);
                }
            }
        }
    }

    @Test
    void assessmentJsonRoundTrip() {
        RiskAssessment assessment = new RiskAssessment(MEDIUM, VERY_HIGH, NOTIFY_AUTHORITY_AND_PEOPLE, NOTIFY_AUTHORITY,
                "Data was encrypted at rest.");

        RiskAssessment read = RiskAssessment.fromJson(assessment.toJson());

        assertEquals(assessment, read);
        assertTrue(read.overridden(), "a different outcome counts as override");
    }
}
