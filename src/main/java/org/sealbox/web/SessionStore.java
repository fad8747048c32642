package org.sealbox.web;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.sealbox.crypto.Sodium;

/**
 * Sessions of one listener, in memory, with random 256-bit ids.
 *
 * <p>Thread-safe. A session ends after {@code idle} without a request or {@code absolute} after
 * it began; ended sessions are wiped when they are next looked up or by {@link #sweep()}.
 */
public final class SessionStore {

    private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final int maxSessions;

    public SessionStore(Clock clock, Duration idle, Duration absolute, int maxSessions) {
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
        this.maxSessions = maxSessions;
    }

    /**
     * Starts a new session.
     *
     * @throws TooManySessionsException when the store is full even after removing expired ones
     */
    public Session create() {
        if (sessions.size() >= maxSessions) {
            sweep();
            if (sessions.size() >= maxSessions) {
                throw new TooManySessionsException();
            }
        }
        Session session = new Session(randomToken(), randomToken(), clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    /** Returns the live session with this id and marks it used, or empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (isExpired(session, now)) {
            end(session);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    /** Ends the session: it is forgotten and its secrets are wiped. */
    public void end(Session session) {
        sessions.remove(session.id(), session);
        session.end();
    }

    /**
     * Ends every session that {@code test} accepts, for example the sessions of a deactivated
     * account, and returns how many ended. A request already running in one of them finishes.
     */
    public int endIf(java.util.function.Predicate<Session> test) {
        int ended = 0;
        for (Session session : sessions.values()) {
            if (test.test(session)) {
                end(session);
                ended++;
            }
        }
        return ended;
    }

    /** Ends every expired session; returns how many ended. */
    public int sweep() {
        Instant now = clock.instant();
        int ended = 0;
        for (Session session : sessions.values()) {
            if (isExpired(session, now)) {
                end(session);
                ended++;
            }
        }
        return ended;
    }

    public int size() {
        return sessions.size();
    }

    /** Ends every session, e.g. at shutdown. */
    public void clear() {
        sessions.values().forEach(this::end);
    }

    /** The session's id, for listeners that hand it out as a bearer token instead of a cookie. */
    public static String idOf(Session session) {
        return session.id();
    }

    /** Compares a submitted CSRF token with the session's in constant time. */
    public static boolean csrfMatches(Session session, String submitted) {
        if (submitted == null) {
            return false;
        }
        return MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.US_ASCII),
                submitted.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean isExpired(Session session, Instant now) {
        return session.isEnded()
                || now.isAfter(session.lastAccess().plus(idle))
                || now.isAfter(session.created().plus(absolute));
    }

    private static String randomToken() {
        return TOKEN.encodeToString(Sodium.get().randomBytes(32));
    }

    /** No room for another session; the caller answers with a "busy" page. */
    public static final class TooManySessionsException extends RuntimeException {
        TooManySessionsException() {
            super("session store is full");
        }
    }
}
