package org.sealbox.postbox;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for postboxes. Stateless; callers own the transaction. */
public final class PostboxStore {

    /** A postbox row joined with the reference and status of its case. */
    public record Row(long id, long caseId, String reference, String status, byte[] keySalt, long keyOps,
                      long keyMemory, byte[] wrappedCaseKey) {

    @Override
    public String toString() {
        return "Row[REDACTED]";
    }
    }

    public void insert(Handle h, long caseId, byte[] lookup, byte[] salt, long ops, long memory, byte[] wrapped) {
        h.createUpdate("""
                        INSERT INTO postbox (case_id, lookup, key_salt, key_ops, key_memory, wrapped_case_key)
                        VALUES (:caseId, :lookup, :salt, :ops, :memory, :wrapped)""")
                .bind("caseId", caseId)
                .bind("lookup", lookup)
                .bind("salt", salt)
                .bind("ops", ops)
                .bind("memory", memory)
                .bind("wrapped", wrapped)
                .execute();
    }

    public boolean lookupExists(Handle h, byte[] lookup) {
        return h.createQuery("SELECT COUNT(*) FROM postbox WHERE lookup = :lookup")
                .bind("lookup", lookup).mapTo(Integer.class).one() > 0;
    }

    public boolean caseHasPostbox(Handle h, long caseId) {
        return h.createQuery("SELECT COUNT(*) FROM postbox WHERE case_id = :caseId")
                .bind("caseId", caseId).mapTo(Integer.class).one() > 0;
    }

    public Optional<Row> findByLookup(Handle h, byte[] lookup) {
        return h.createQuery("""
                        SELECT p.id, p.case_id, c.reference, c.status, p.key_salt, p.key_ops, p.key_memory, p.wrapped_case_key
                        FROM postbox p JOIN report_case c ON c.id = p.case_id
                        WHERE p.lookup = :lookup""")
                .bind("lookup", lookup)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getBytes(5), rs.getLong(6), rs.getLong(7), rs.getBytes(8)))
                .findOne();
    }

    public Optional<String> status(Handle h, long caseId) {
        return h.createQuery("SELECT status FROM report_case WHERE id = :caseId")
                .bind("caseId", caseId).mapTo(String.class).findOne();
    }
}
