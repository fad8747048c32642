package org.sealbox.report;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for cases, their sealed keys and attachments. Stateless; callers own the transaction. */
public final class CaseStore {

    /** A case as listed for an officer; nothing here needs decryption. */
    public record Summary(long id, String reference, ReportKind kind, String status, long receivedHour) {
    }

    /** A case with the keys sealed to one officer. */
    public record Sealed(Summary summary, byte[] content, byte[] sealedPrivateKey) {
    }

    /** An attachment row: its id and the envelope with key, name, size and hash. */
    public record AttachmentRow(String id, byte[] sealedMeta) {
    }

    public long insertCase(Handle h, String reference, ReportKind kind, long receivedHour,
                           byte[] publicKey, byte[] internalPublicKey, byte[] content) {
        return h.createUpdate("""
                        INSERT INTO report_case (reference, kind, status, received_hour, public_key, internal_public_key, content)
                        VALUES (:reference, :kind, 'new', :receivedHour, :publicKey, :internalPublicKey, :content)""")
                .bind("reference", reference)
                .bind("kind", kind.id())
                .bind("receivedHour", receivedHour)
                .bind("publicKey", publicKey)
                .bind("internalPublicKey", internalPublicKey)
                .bind("content", content)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    /** Sets the epoch second of the case's nearest open deadline, null when none is open. */
    public void setNextDeadline(Handle h, long caseId, Long nextDeadline) {
        h.createUpdate("UPDATE report_case SET next_deadline = :nextDeadline WHERE id = :id")
                .bind("nextDeadline", nextDeadline)
                .bind("id", caseId)
                .execute();
    }

    public boolean referenceExists(Handle h, String reference) {
        return h.createQuery("SELECT COUNT(*) FROM report_case WHERE reference = :reference")
                .bind("reference", reference)
                .mapTo(Integer.class)
                .one() > 0;
    }

    public void insertCaseKey(Handle h, long caseId, long officerId, byte[] sealedPrivateKey, byte[] sealedInternalKey) {
        h.createUpdate("""
                        INSERT INTO case_key (case_id, officer_id, sealed_private_key, sealed_internal_private_key)
                        VALUES (:caseId, :officerId, :sealed, :sealedInternal)""")
                .bind("caseId", caseId)
                .bind("officerId", officerId)
                .bind("sealed", sealedPrivateKey)
                .bind("sealedInternal", sealedInternalKey)
                .execute();
    }

    public void insertAttachment(Handle h, String id, long caseId, int position, byte[] sealedMeta) {
        h.createUpdate("INSERT INTO attachment (id, case_id, position, sealed_meta) VALUES (:id, :caseId, :position, :meta)")
                .bind("id", id)
                .bind("caseId", caseId)
                .bind("position", position)
                .bind("meta", sealedMeta)
                .execute();
    }

    /** Cases the officer has a key for, newest first. */
    public List<Summary> listForOfficer(Handle h, long officerId) {
        return h.createQuery("""
                        SELECT c.id, c.reference, c.kind, c.status, c.received_hour
                        FROM report_case c JOIN case_key k ON k.case_id = c.id
                        WHERE k.officer_id = :officerId
                        ORDER BY c.received_hour DESC, c.id DESC""")
                .bind("officerId", officerId)
                .map((rs, ctx) -> new Summary(rs.getLong(1), rs.getString(2),
                        ReportKind.fromId(rs.getString(3)).orElseThrow(), rs.getString(4), rs.getLong(5)))
                .list();
    }

    /** The case with the key sealed to this officer; empty when either is missing. */
    public Optional<Sealed> findForOfficer(Handle h, long caseId, long officerId) {
        return h.createQuery("""
                        SELECT c.id, c.reference, c.kind, c.status, c.received_hour, c.content, k.sealed_private_key
                        FROM report_case c JOIN case_key k ON k.case_id = c.id
                        WHERE c.id = :caseId AND k.officer_id = :officerId""")
                .bind("caseId", caseId)
                .bind("officerId", officerId)
                .map((rs, ctx) -> new Sealed(
                        new Summary(rs.getLong(1), rs.getString(2), ReportKind.fromId(rs.getString(3)).orElseThrow(),
                                rs.getString(4), rs.getLong(5)),
                        rs.getBytes(6), rs.getBytes(7)))
                .findOne();
    }

    public boolean hasPostbox(Handle h, long caseId) {
        return h.createQuery("SELECT COUNT(*) FROM postbox WHERE case_id = :caseId")
                .bind("caseId", caseId).mapTo(Integer.class).one() > 0;
    }

    public List<AttachmentRow> attachments(Handle h, long caseId) {
        return h.createQuery("SELECT id, sealed_meta FROM attachment WHERE case_id = :caseId ORDER BY position")
                .bind("caseId", caseId)
                .map((rs, ctx) -> new AttachmentRow(rs.getString(1), rs.getBytes(2)))
                .list();
    }
}
