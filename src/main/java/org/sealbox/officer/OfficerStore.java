package org.sealbox.officer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for officer accounts. Stateless; callers own the transaction. */
public final class OfficerStore {

    /**
     * An officer row.
     *
     * @param wrappedPrivateKey the private key encrypted under the password-derived key
     * @param totpWrapped       the TOTP secret encrypted under the same key, or null before enrolment
     * @param totpLastStep      the RFC 6238 time step of the last accepted code
     */
    public record Row(long id, String username, Role role, boolean active, byte[] publicKey,
                      byte[] keySalt, long keyOps, long keyMemory, byte[] wrappedPrivateKey,
                      byte[] totpWrapped, long totpLastStep) {
    }

    /** An active officer's id and public key, the recipients of a new case's keys. */
    public record Recipient(long id, byte[] publicKey) {
    }

    /** An account as the administrators' officer list shows it. Times are epoch seconds. */
    public record Listed(long id, String username, Role role, boolean active, long createdAt,
                         Long deactivatedAt) {
    }

    public long insert(Handle h, String username, Role role, byte[] publicKey, byte[] salt, long ops, long memory,
                       byte[] wrappedPrivateKey, long createdAt) {
        return h.createUpdate("""
                        INSERT INTO officer (username, role, active, public_key, key_salt, key_ops, key_memory,
                                             wrapped_private_key, created_at)
                        VALUES (:username, :role, 1, :publicKey, :salt, :ops, :memory, :wrapped, :createdAt)""")
                .bind("username", username)
                .bind("role", role.id())
                .bind("publicKey", publicKey)
                .bind("salt", salt)
                .bind("ops", ops)
                .bind("memory", memory)
                .bind("wrapped", wrappedPrivateKey)
                .bind("createdAt", createdAt)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    public Optional<Row> findByUsername(Handle h, String username) {
        return h.createQuery("SELECT * FROM officer WHERE username = :username")
                .bind("username", username)
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    public Optional<Row> findById(Handle h, long id) {
        return h.createQuery("SELECT * FROM officer WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    public int countActive(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM officer WHERE active = 1").mapTo(Integer.class).one();
    }

    public int countActiveAdministrators(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM officer WHERE active = 1 AND role = 'administrator'")
                .mapTo(Integer.class)
                .one();
    }

    public List<Recipient> activeRecipients(Handle h) {
        return h.createQuery("SELECT id, public_key FROM officer WHERE active = 1 ORDER BY id")
                .map((rs, ctx) -> new Recipient(rs.getLong(1), rs.getBytes(2)))
                .list();
    }

    /** Returns every account, active ones first, then by username. */
    public List<Listed> list(Handle h) {
        return h.createQuery("""
                        SELECT id, username, role, active, created_at, deactivated_at FROM officer
                        ORDER BY active DESC, username""")
                .map((rs, ctx) -> {
                    long deactivated = rs.getLong("deactivated_at");
                    Long deactivatedAt = rs.wasNull() ? null : deactivated;
                    return new Listed(rs.getLong("id"), rs.getString("username"), Role.fromId(rs.getString("role")),
                            rs.getInt("active") == 1, rs.getLong("created_at"), deactivatedAt);
                })
                .list();
    }

    /** Stores the TOTP secret of an account, wrapped, and the step of the code that confirmed it. */
    public void setTotp(Handle h, long id, byte[] totpWrapped, long lastStep) {
        h.createUpdate("UPDATE officer SET totp_wrapped = :wrapped, totp_last_step = :step WHERE id = :id")
                .bind("wrapped", totpWrapped)
                .bind("step", lastStep)
                .bind("id", id)
                .execute();
    }

    /**
     * Records {@code step} as the last used TOTP step, only if it is later than the stored one and
     * the account is active. Returns false when another log-in used this step or a later one first.
     */
    public boolean advanceTotpStep(Handle h, long id, long step) {
        return h.createUpdate("""
                        UPDATE officer SET totp_last_step = :step
                        WHERE id = :id AND active = 1 AND totp_last_step < :step""")
                .bind("step", step)
                .bind("id", id)
                .execute() == 1;
    }

    /** Replaces the password-wrapped private key and TOTP secret after a password change. */
    public void rewrap(Handle h, long id, byte[] salt, long ops, long memory, byte[] wrappedPrivateKey,
                       byte[] totpWrapped) {
        h.createUpdate("""
                        UPDATE officer SET key_salt = :salt, key_ops = :ops, key_memory = :memory,
                                           wrapped_private_key = :wrapped, totp_wrapped = :totp
                        WHERE id = :id""")
                .bind("salt", salt)
                .bind("ops", ops)
                .bind("memory", memory)
                .bind("wrapped", wrappedPrivateKey)
                .bind("totp", totpWrapped)
                .bind("id", id)
                .execute();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("username"),
                Role.fromId(rs.getString("role")), rs.getInt("active") == 1, rs.getBytes("public_key"),
                rs.getBytes("key_salt"), rs.getLong("key_ops"), rs.getLong("key_memory"),
                rs.getBytes("wrapped_private_key"), rs.getBytes("totp_wrapped"), rs.getLong("totp_last_step"));
    }
}
