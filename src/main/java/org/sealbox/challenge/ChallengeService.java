package org.sealbox.challenge;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.sealbox.crypto.Sodium;
import org.sealbox.web.Session;

/**
 * The security question that stops automated submissions without JavaScript or a third party.
 *
 * <p>A question is bound to one session and single use: any answer, right or wrong, consumes it,
 * and a wrong answer gets a new question. It expires after {@link #LIFETIME}. Its text
 * alternative (the digits as words) makes it usable with a screen reader; that also makes it
 * readable for a program that targets this portal, which the onion service's proof-of-work
 * defence is there to slow down.
 */
public final class ChallengeService {

    static final int DIGITS = 5;
    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final Session.Key<Challenge> KEY = new Session.Key<>("challenge", Challenge.class);
    /** Set once the session answered a question correctly. */
    public static final Session.Key<Boolean> PASSED = new Session.Key<>("challenge-passed", Boolean.class);

    private final Clock clock;

    public ChallengeService(Clock clock) {
        this.clock = clock;
    }

    /** Returns the session's open question, or puts a new one in place. */
    public Challenge current(Session session) {
        Optional<Challenge> open = session.get(KEY).filter(this::isFresh);
        if (open.isPresent()) {
            return open.get();
        }
        return renew(session);
    }

    /** Replaces the session's question with a new one. */
    public Challenge renew(Session session) {
        StringBuilder digits = new StringBuilder(DIGITS);
        for (int i = 0; i < DIGITS; i++) {
            digits.append((char) ('0' + Sodium.get().randomUniform(10)));
        }
        Challenge challenge = new Challenge(digits.toString(), clock.instant());
        session.put(KEY, challenge);
        return challenge;
    }

    /**
     * Checks an answer against the session's question and consumes the question either way.
     * Spaces and other separators between digits are ignored.
     */
    public boolean answer(Session session, String answer) {
        Optional<Challenge> open = session.get(KEY).filter(this::isFresh);
        session.remove(KEY);
        if (open.isEmpty() || answer == null) {
            return false;
        }
        String typed = answer.replaceAll("[\\s.,-]", "");
        boolean right = typed.equals(open.get().digits());
        if (right) {
            session.put(PASSED, Boolean.TRUE);
        }
        return right;
    }

    public boolean hasPassed(Session session) {
        return session.get(PASSED).orElse(false);
    }

    private boolean isFresh(Challenge challenge) {
        return clock.instant().isBefore(challenge.issuedAt().plus(LIFETIME));
    }
}
