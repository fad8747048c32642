package org.sealbox.officer;

import java.util.Optional;

import io.helidon.webserver.http.ServerRequest;

import org.sealbox.web.Session;
import org.sealbox.web.SessionCookies;

/** The admin listener's sessions and the officer who is logged in to one. */
public final class OfficerSessions {

    /** The logged-in officer of a session, with their unwrapped private key. */
    public static final Session.Key<OfficerService.SignedIn> SIGNED_IN =
            new Session.Key<>("officer", OfficerService.SignedIn.class);

    /**
     * A one-time notice for the case list after a log-in whose pending grants opened older cases
     * to newly activated officers. The case list shows it once and removes it.
     */
    public static final Session.Key<String> GRANT_NOTICE = new Session.Key<>("grant-notice", String.class);

    private final SessionCookies cookies;

    public OfficerSessions(SessionCookies cookies) {
        this.cookies = cookies;
    }

    public SessionCookies cookies() {
        return cookies;
    }

    /** Returns the live session of the request if an officer is logged in to it. */
    public Optional<Session> signedIn(ServerRequest req) {
        return cookies.current(req).filter(session -> session.get(SIGNED_IN).isPresent());
    }

    /** Ends every session in which the officer {@code officerId} is logged in; returns how many ended. */
    public int endSessionsOf(long officerId) {
        return cookies.store().endIf(session -> session.get(SIGNED_IN)
                .map(officer -> officer.id() == officerId)
                .orElse(false));
    }

    /** Returns the officer of a session that {@link #signedIn} returned. */
    public static OfficerService.SignedIn officer(Session session) {
        return session.get(SIGNED_IN).orElseThrow();
    }
}
