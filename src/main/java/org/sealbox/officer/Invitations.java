package org.sealbox.officer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import org.sealbox.crypto.Sodium;
import org.sealbox.storage.Database;

/**
 * One-time activation links for new officers. The token in the link is 256 random bits; only its
 * SHA-256 is stored, so a copy of the database cannot activate anything. A link is valid for
 * {@link #LIFETIME} and works once. Thread-safe.
 */
public final class Invitations {

    /** How long an activation link stays valid. */
    public static final Duration LIFETIME = Duration.ofHours(72);

    private static final int TOKEN_BYTES = 32;

    private final Database database;
    private final Clock clock;

    /** A valid invitation, found by its token. */
    public record Invitation(long id, String username, Role role, long expiresAt) {
    }

    public Invitations(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Stores an invitation for {@code typedUsername} inside the caller's transaction and returns
     * the token for the activation link. An expired or used invitation for the same name is
     * replaced.
     *
     * @throws OfficerService.InvalidAccountException for an invalid username, or one that an
     *                                                account or a valid invitation already has
     */
    public String create(Handle h, String typedUsername, Role role, long createdBy)
            throws OfficerService.InvalidAccountException {
        String username = OfficerService.normaliseUsername(typedUsername)
                .orElseThrow(() -> new OfficerService.InvalidAccountException("officer.error.username-invalid"));
        long now = clock.instant().getEpochSecond();
        boolean taken = new OfficerStore().findByUsername(h, username).isPresent()
                || h.createQuery("""
                                SELECT COUNT(*) FROM officer_invitation
                                WHERE username = :username AND used_at IS NULL AND expires_at > :now""")
                        .bind("username", username)
                        .bind("now", now)
                        .mapTo(Integer.class)
                        .one() > 0;
        if (taken) {
            throw new OfficerService.InvalidAccountException("officer.error.username-taken");
        }
        h.createUpdate("DELETE FROM officer_invitation WHERE username = :username")
                .bind("username", username)
                .execute();
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(Sodium.get().randomBytes(TOKEN_BYTES));
        h.createUpdate("""
                        INSERT INTO officer_invitation (username, role, token_hash, expires_at, created_by)
                        VALUES (:username, :role, :hash, :expires, :createdBy)""")
                .bind("username", username)
                .bind("role", role.id())
                .bind("hash", hash(token))
                .bind("expires", now + LIFETIME.toSeconds())
                .bind("createdBy", createdBy)
                .execute();
        return token;
    }

    /** Returns the invitation of {@code token} if it exists, is unused and has not expired. */
    public Optional<Invitation> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        long now = clock.instant().getEpochSecond();
        return database.read(h -> h.createQuery("""
                        SELECT id, username, role, expires_at FROM officer_invitation
                        WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now""")
                .bind("hash", hash(token))
                .bind("now", now)
                .map((rs, ctx) -> new Invitation(rs.getLong("id"), rs.getString("username"),
                        Role.fromId(rs.getString("role")), rs.getLong("expires_at")))
                .findOne());
    }

    /**
     * Marks the invitation used inside the caller's transaction.
     *
     * @throws OfficerService.InvalidAccountException when it was used or expired meanwhile
     */
    public void use(Handle h, long invitationId) throws OfficerService.InvalidAccountException {
        long now = clock.instant().getEpochSecond();
        int updated = h.createUpdate("""
                        UPDATE officer_invitation SET used_at = :now
                        WHERE id = :id AND used_at IS NULL AND expires_at > :now""")
                .bind("now", now)
                .bind("id", invitationId)
                .execute();
        if (updated != 1) {
            throw new OfficerService.InvalidAccountException("account.activate.invalid");
        }
    }

    /**
     * Deletes the invitation {@code invitationId} inside the caller's transaction if it is unused
     * and has not expired, and returns its username; returns empty when there is no such
     * invitation.
     */
    public Optional<String> withdraw(Handle h, long invitationId) {
        long now = clock.instant().getEpochSecond();
        Optional<String> username = h.createQuery("""
                        SELECT username FROM officer_invitation
                        WHERE id = :id AND used_at IS NULL AND expires_at > :now""")
                .bind("id", invitationId)
                .bind("now", now)
                .mapTo(String.class)
                .findOne();
        username.ifPresent(found -> h.createUpdate("DELETE FROM officer_invitation WHERE id = :id")
                .bind("id", invitationId)
                .execute());
        return username;
    }

    /** Unused invitations that have not expired, for the officers page: username, role and expiry. */
    public List<Invitation> pending() {
        long now = clock.instant().getEpochSecond();
        return database.read(h -> h.createQuery("""
                        SELECT id, username, role, expires_at FROM officer_invitation
                        WHERE used_at IS NULL AND expires_at > :now ORDER BY username""")
                .bind("now", now)
                .map((rs, ctx) -> new Invitation(rs.getLong("id"), rs.getString("username"),
                        Role.fromId(rs.getString("role")), rs.getLong("expires_at")))
                .list());
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
