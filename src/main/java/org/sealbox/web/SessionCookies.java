package org.sealbox.web;

import java.util.Optional;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.config.SealboxConfig.SecureCookie;

/**
 * Ties a {@link SessionStore} to one cookie: {@code HttpOnly}, {@code SameSite=Strict}, path
 * {@code /}, no expiry (it ends with the browser), and {@code Secure} per the configured policy.
 */
public final class SessionCookies {

    private final SessionStore store;
    private final String cookieName;
    private final SecureCookie secure;

    public SessionCookies(SessionStore store, String cookieName, SecureCookie secure) {
        this.store = store;
        this.cookieName = cookieName;
        this.secure = secure;
    }

    public SessionStore store() {
        return store;
    }

    /** Whether the request carries this listener's session cookie at all, live or not. */
    public boolean hasCookie(ServerRequest req) {
        return req.headers().cookies().contains(cookieName);
    }

    /** Returns the live session named by the request's cookie. */
    public Optional<Session> current(ServerRequest req) {
        if (!hasCookie(req)) {
            return Optional.empty();
        }
        return store.find(req.headers().cookies().get(cookieName));
    }

    /** Starts a new session and sends its cookie. */
    public Session start(ServerRequest req, ServerResponse res) {
        Session session = store.create();
        res.headers().addCookie(cookie(req, session.id()).build());
        return session;
    }

    /** Returns the live session, or starts one. */
    public Session currentOrStart(ServerRequest req, ServerResponse res) {
        return current(req).orElseGet(() -> start(req, res));
    }

    /** Ends the session and tells the browser to drop the cookie. */
    public void end(ServerRequest req, ServerResponse res, Session session) {
        store.end(session);
        // An expiry date in the past, because Helidon 4.5 leaves out "Max-Age=0" (it writes only positive values).
        res.headers().addCookie(cookie(req, "").expires(java.time.Instant.EPOCH).build());
    }

    private SetCookie.Builder cookie(ServerRequest req, String value) {
        return SetCookie.builder(cookieName, value)
                .path("/")
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT)
                .secure(isSecure(req));
    }

    private boolean isSecure(ServerRequest req) {
        return switch (secure) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> req.isSecure() || req.requestedUri().host().toLowerCase(java.util.Locale.ROOT).endsWith(".onion");
        };
    }
}
