package org.sealbox.challenge;

import java.time.Instant;

/**
 * A security question: a random number shown as an image and spelled out in words.
 *
 * @param digits   the expected answer, e.g. "48271"
 * @param issuedAt when it was shown, to let old questions expire
 */
public record Challenge(String digits, Instant issuedAt) {

    @Override
    public String toString() {
        return "Challenge[REDACTED]";
    }
}
