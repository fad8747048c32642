package org.sealbox.web;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.sealbox.crypto.SecretBytes;
import org.sealbox.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionStoreTest {

    private static final Session.Key<SecretBytes> SECRET = new Session.Key<>("secret", SecretBytes.class);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final SessionStore store = new SessionStore(clock, Duration.ofMinutes(20), Duration.ofHours(8), 3);

    @Test
    void idsAre256BitAndDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Session session = store.create();
            ids.add(session.id());
            assertEquals(43, session.id().length(), "32 bytes in unpadded base64url");
        }
        assertEquals(3, ids.size());
    }

    @Test
    void idleSessionExpiresAndWipesSecrets() {
        Session session = store.create();
        SecretBytes secret = SecretBytes.random(32);
        session.put(SECRET, secret);

        clock.advance(Duration.ofMinutes(19));
        assertTrue(store.find(session.id()).isPresent(), "still live after 19 minutes");
        clock.advance(Duration.ofMinutes(19));
        assertTrue(store.find(session.id()).isPresent(), "the lookup renewed the idle time");
        clock.advance(Duration.ofMinutes(21));

        assertTrue(store.find(session.id()).isEmpty(), "expired after 21 idle minutes");
        assertTrue(secret.isWiped(), "secret overwritten at expiry");
    }

    @Test
    void absoluteLifetimeEndsActiveSession() {
        Session session = store.create();
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofMinutes(10));
            store.find(session.id());
        }

        assertTrue(store.find(session.id()).isEmpty());
    }

    @Test
    void replacedSecretIsWiped() {
        Session session = store.create();
        SecretBytes first = SecretBytes.random(32);
        session.put(SECRET, first);

        session.put(SECRET, SecretBytes.random(32));

        assertTrue(first.isWiped());
    }

    @Test
    void fullStoreRejectsNewSessions() {
        store.create();
        store.create();
        store.create();

        assertThrows(SessionStore.TooManySessionsException.class, store::create);
        clock.advance(Duration.ofMinutes(30));
        store.create();
        assertEquals(1, store.size(), "expired sessions made room");
    }

    @Test
    void csrfComparedExactly() {
        Session session = store.create();

        assertTrue(SessionStore.csrfMatches(session, session.csrfToken()));
        assertFalse(SessionStore.csrfMatches(session, session.csrfToken() + "x"));
        assertFalse(SessionStore.csrfMatches(session, ""));
        assertFalse(SessionStore.csrfMatches(session, null));
    }

    @Test
    void toStringHidesId() {
        Session session = store.create();

        assertFalse(session.toString().contains(session.id()));
    }
}
