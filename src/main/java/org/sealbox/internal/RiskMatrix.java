package org.sealbox.internal;

/**
 * The recommendation that follows from the likelihood and the severity of harm to the people
 * whose data a breach concerns.
 *
 * <p>The GDPR sets two thresholds. Art. 33(1): the controller notifies the supervisory authority
 * unless the breach is unlikely to result in a risk to people's rights and freedoms. Art. 34(1):
 * the controller also tells the people affected when the breach is likely to result in a high
 * risk. Every breach is documented either way (Art. 33(5)). The EDPB's Guidelines 9/2022 on
 * personal data breach notification (version 2.0, 28 March 2023) walk through the same two
 * questions. ENISA's "Recommendations for a methodology of the assessment of severity of personal
 * data breaches" (v1.0, December 2013) grades severity as low, medium, high or very high; this
 * scale adds "none" below it and uses the same steps for likelihood.
 *
 * <p>The matrix (rows: likelihood, columns: severity). D = document only, A = notify the
 * authority, P = notify the authority and the people affected:
 * <pre>
 *               none  low  medium  high  very high
 *   none         D     D     D      D       D
 *   low          D     D     A      A       A
 *   medium       D     A     A      A       P
 *   high         D     A     A      P       P
 *   very high    D     A     P      P       P
 * </pre>
 * Reasoning:
 * <ul>
 *   <li>No likelihood or no severity means no risk, so documenting is enough.</li>
 *   <li>Low likelihood of low harm is read as "unlikely to result in a risk": document only.</li>
 *   <li>Any other combination is a risk that the authority must hear about.</li>
 *   <li>A high risk needs both factors to be substantial: both at least high, or one very high
 *       and the other at least medium. A very serious harm that is only unlikely (low × very
 *       high) is not "likely to result in a high risk", so it goes to the authority, which can
 *       still order the people to be told (Art. 34(4)).</li>
 * </ul>
 * The matrix is a starting point, not a legal decision: the officer confirms the recommendation
 * or overrides it and must give a reason.
 */
public final class RiskMatrix {

    private static final Recommendation D = Recommendation.DOCUMENT_ONLY;
    private static final Recommendation A = Recommendation.NOTIFY_AUTHORITY;
    private static final Recommendation P = Recommendation.NOTIFY_AUTHORITY_AND_PEOPLE;

    /** Indexed by likelihood, then severity, in {@link RiskLevel} order. */
    private static final Recommendation[][] MATRIX = {
            {D, D, D, D, D},
            {D, D, A, A, A},
            {D, A, A, A, P},
            {D, A, A, P, P},
            {D, A, P, P, P},
    };

    private RiskMatrix() {
    }

    /** Returns the recommendation for one combination of likelihood and severity. */
    public static Recommendation recommend(RiskLevel likelihood, RiskLevel severity) {
        return MATRIX[likelihood.ordinal()][severity.ordinal()];
    }
}
