package org.sealbox.postbox;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for conversation messages and their attachments. Stateless; callers own the transaction. */
public final class MessageStore {

    /** A stored message; {@code body} is an envelope sealed to the case. */
    public record Row(long id, String publicId, Author author, long createdHour, byte[] body) {
    }

    /** An attachment of a message or of the report itself ({@code messageId} empty). */
    public record AttachmentRow(String id, Optional<Long> messageId, byte[] sealedMeta) {
    }

    public long insert(Handle h, String publicId, long caseId, Author author, long createdHour, byte[] body) {
        return h.createUpdate("""
                        INSERT INTO message (public_id, case_id, author, created_hour, body)
                        VALUES (:publicId, :caseId, :author, :hour, :body)""")
                .bind("publicId", publicId)
                .bind("caseId", caseId)
                .bind("author", author.id())
                .bind("hour", createdHour)
                .bind("body", body)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    public void insertAttachment(Handle h, String id, long caseId, long messageId, byte[] sealedMeta) {
        h.createUpdate("""
                        INSERT INTO attachment (id, case_id, position, sealed_meta, message_id)
                        VALUES (:id, :caseId, 0, :meta, :messageId)""")
                .bind("id", id)
                .bind("caseId", caseId)
                .bind("meta", sealedMeta)
                .bind("messageId", messageId)
                .execute();
    }

    public List<Row> messages(Handle h, long caseId) {
        return h.createQuery("SELECT id, public_id, author, created_hour, body FROM message WHERE case_id = :caseId ORDER BY id")
                .bind("caseId", caseId)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), Author.fromId(rs.getString(3)),
                        rs.getLong(4), rs.getBytes(5)))
                .list();
    }

    public List<AttachmentRow> attachments(Handle h, long caseId) {
        return h.createQuery("SELECT id, message_id, sealed_meta FROM attachment WHERE case_id = :caseId ORDER BY position, id")
                .bind("caseId", caseId)
                .map((rs, ctx) -> {
                    long messageId = rs.getLong(2);
                    Optional<Long> message = rs.wasNull() ? Optional.empty() : Optional.of(messageId);
                    return new AttachmentRow(rs.getString(1), message, rs.getBytes(3));
                })
                .list();
    }

    public Optional<byte[]> casePublicKey(Handle h, long caseId) {
        return h.createQuery("SELECT public_key FROM report_case WHERE id = :caseId")
                .bind("caseId", caseId).mapTo(byte[].class).findOne();
    }

    public Optional<String> reference(Handle h, long caseId) {
        return h.createQuery("SELECT reference FROM report_case WHERE id = :caseId")
                .bind("caseId", caseId).mapTo(String.class).findOne();
    }

    public Optional<byte[]> caseContent(Handle h, long caseId) {
        return h.createQuery("SELECT content FROM report_case WHERE id = :caseId")
                .bind("caseId", caseId).mapTo(byte[].class).findOne();
    }
}
