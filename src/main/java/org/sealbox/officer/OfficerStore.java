package org.sealbox.officer;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for officer accounts. Stateless; callers own the transaction. */
public final class OfficerStore {

    /**
     * An officer row.
     *
     * @param wrappedPrivateKey the private key encrypted under the password-derived key
     */
    public record Row(long id, String username, Role role, boolean active, byte[] publicKey,
                      byte[] keySalt, long keyOps, long keyMemory, byte[] wrappedPrivateKey) {
    }

    /** An active officer's id and public key, the recipients of a new case's keys. */
    public record Recipient(long id, byte[] publicKey) {
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
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("username"),
                        Role.fromId(rs.getString("role")), rs.getInt("active") == 1, rs.getBytes("public_key"),
                        rs.getBytes("key_salt"), rs.getLong("key_ops"), rs.getLong("key_memory"),
                        rs.getBytes("wrapped_private_key")))
                .findOne();
    }

    public int countActive(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM officer WHERE active = 1").mapTo(Integer.class).one();
    }

    public List<Recipient> activeRecipients(Handle h) {
        return h.createQuery("SELECT id, public_key FROM officer WHERE active = 1 ORDER BY id")
                .map((rs, ctx) -> new Recipient(rs.getLong(1), rs.getBytes(2)))
                .list();
    }
}
