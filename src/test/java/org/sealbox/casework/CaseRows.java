package org.sealbox.casework;

import java.time.Instant;
import java.time.ZoneId;

import org.jdbi.v3.core.Handle;

import org.sealbox.storage.Database;

/**
 * Copies of a stored case made directly in the database, for lists with many rows. A copy gets
 * its own reference number and clear workflow columns but keeps the source's ciphertexts and
 * sealed keys. Their associated data names the source's reference, so a copy is listed like any
 * case but its case page does not decrypt.
 */
final class CaseRows {

    private CaseRows() {
    }

    /** Inserts a copy of case {@code sourceId} with the given clear columns and returns its id. */
    static long copy(Handle h, long sourceId, String reference, String kind, Instant received, String status) {
        long id = h.createUpdate("""
                        INSERT INTO report_case (reference, kind, status, received_hour, public_key, internal_public_key, content)
                        SELECT :reference, :kind, :status, :receivedHour, public_key, internal_public_key, content
                        FROM report_case WHERE id = :sourceId""")
                .bind("reference", reference)
                .bind("kind", kind)
                .bind("status", status)
                .bind("receivedHour", received.getEpochSecond() / 3600 * 3600)
                .bind("sourceId", sourceId)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        h.createUpdate("""
                        INSERT INTO case_key (case_id, officer_id, sealed_private_key, sealed_internal_private_key)
                        SELECT :id, officer_id, sealed_private_key, sealed_internal_private_key
                        FROM case_key WHERE case_id = :sourceId""")
                .bind("id", id)
                .bind("sourceId", sourceId)
                .execute();
        return id;
    }

    /** Sets one workflow column (epoch seconds for times) of a case. */
    static void set(Handle h, long caseId, String column, Object value) {
        if (!column.matches("[a-z_]+")) {
            throw new IllegalArgumentException(column);
        }
        h.createUpdate("UPDATE report_case SET " + column + " = :value WHERE id = :id")
                .bind("value", value)
                .bind("id", caseId)
                .execute();
    }

    /** Recomputes {@code next_deadline} with the same helper the server uses. */
    static void recompute(Handle h, long caseId, ZoneId zone) {
        new WorkflowStore().recomputeNextDeadline(h, new CaseClock(zone), caseId);
    }

    static long officerId(Database database, String username) {
        return database.read(h -> h.createQuery("SELECT id FROM officer WHERE username = :username")
                .bind("username", username)
                .mapTo(Long.class)
                .one());
    }
}
