package org.sealbox.casework;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import org.sealbox.report.ReportKind;

/**
 * SQL for the workflow columns of {@code report_case}, the officers' read marks and officer-only
 * records. Stateless; callers own the transaction.
 */
public final class WorkflowStore {

    /** An active officer who has a key for a case, offered as assignee. */
    public record Holder(long id, String username) {
    }

    /** An officer-only record: an envelope sealed to the case's internal public key. */
    public record InternalRecord(String publicId, long createdAt, byte[] body) {
    }

    /** Loads the workflow columns of a case; empty when it does not exist. */
    public Optional<CaseWorkflow> load(Handle h, long caseId) {
        return h.createQuery("""
                        SELECT id, reference, kind, status, received_hour, version, internal_public_key, assignee_id,
                               aware_at, acknowledged_at, feedback_at, extension_months, extended_at, answered_at,
                               authority_decision, authority_notified_at, closed_at
                        FROM report_case WHERE id = :id""")
                .bind("id", caseId)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    /**
     * Writes the changed workflow with version + 1 and the given nearest deadline, unless another
     * write changed the version since {@code workflow} was loaded.
     *
     * @param nextDeadline epoch second of the nearest open deadline, or null when none is open
     * @return whether the row was written
     */
    public boolean save(Handle h, CaseWorkflow workflow, Long nextDeadline) {
        return h.createUpdate("""
                        UPDATE report_case SET status = :status, assignee_id = :assignee, aware_at = :awareAt,
                               acknowledged_at = :acknowledgedAt, feedback_at = :feedbackAt,
                               extension_months = :extensionMonths, extended_at = :extendedAt,
                               answered_at = :answeredAt, authority_decision = :decision,
                               authority_notified_at = :notifiedAt, closed_at = :closedAt,
                               next_deadline = :nextDeadline, version = version + 1
                        WHERE id = :id AND version = :version""")
                .bind("status", workflow.status)
                .bind("assignee", workflow.assigneeId.orElse(null))
                .bind("awareAt", seconds(workflow.awareAt))
                .bind("acknowledgedAt", seconds(workflow.acknowledgedAt))
                .bind("feedbackAt", seconds(workflow.feedbackAt))
                .bind("extensionMonths", workflow.extensionMonths)
                .bind("extendedAt", seconds(workflow.extendedAt))
                .bind("answeredAt", seconds(workflow.answeredAt))
                .bind("decision", workflow.authorityDecision.orElse(null))
                .bind("notifiedAt", seconds(workflow.authorityNotifiedAt))
                .bind("closedAt", seconds(workflow.closedAt))
                .bind("nextDeadline", nextDeadline)
                .bind("id", workflow.id)
                .bind("version", workflow.version)
                .execute() == 1;
    }

    /** Sets {@code next_deadline} of a case from its stored workflow columns. */
    public void recomputeNextDeadline(Handle h, CaseClock clock, long caseId) {
        CaseWorkflow workflow = load(h, caseId).orElseThrow(() -> new IllegalArgumentException("no such case"));
        h.createUpdate("UPDATE report_case SET next_deadline = :nextDeadline WHERE id = :id")
                .bind("nextDeadline", nextDeadline(clock, workflow.times()))
                .bind("id", caseId)
                .execute();
    }

    /** Returns the epoch second of the nearest open deadline, the value of {@code next_deadline}; null when none is open. */
    public static Long nextDeadline(CaseClock clock, CaseTimes times) {
        return clock.nearest(times).map(deadline -> deadline.due().toEpochSecond()).orElse(null);
    }

    /** Records that the officer has seen every message of the case stored so far. */
    public void markRead(Handle h, long caseId, long officerId) {
        h.createUpdate("""
                        INSERT INTO case_read (case_id, officer_id, last_message_id)
                        SELECT :caseId, :officerId, COALESCE(MAX(id), 0) FROM message WHERE case_id = :caseId
                        ON CONFLICT (case_id, officer_id) DO UPDATE SET last_message_id = excluded.last_message_id""")
                .bind("caseId", caseId)
                .bind("officerId", officerId)
                .execute();
    }

    /** Returns whether the officer has a key for the case. */
    public boolean holds(Handle h, long caseId, long officerId) {
        return h.createQuery("SELECT COUNT(*) FROM case_key WHERE case_id = :caseId AND officer_id = :officerId")
                .bind("caseId", caseId)
                .bind("officerId", officerId)
                .mapTo(Integer.class)
                .one() > 0;
    }

    /** Active officers holding a key for the case, by username. */
    public List<Holder> holders(Handle h, long caseId) {
        return h.createQuery("""
                        SELECT o.id, o.username FROM officer o JOIN case_key k ON k.officer_id = o.id
                        WHERE k.case_id = :caseId AND o.active = 1 ORDER BY o.username""")
                .bind("caseId", caseId)
                .map((rs, ctx) -> new Holder(rs.getLong(1), rs.getString(2)))
                .list();
    }

    public Optional<String> username(Handle h, long officerId) {
        return h.createQuery("SELECT username FROM officer WHERE id = :id")
                .bind("id", officerId)
                .mapTo(String.class)
                .findOne();
    }

    /** The case's internal private key sealed to the officer; empty when the officer has no key. */
    public Optional<byte[]> sealedInternalKey(Handle h, long caseId, long officerId) {
        return h.createQuery("""
                        SELECT sealed_internal_private_key FROM case_key
                        WHERE case_id = :caseId AND officer_id = :officerId""")
                .bind("caseId", caseId)
                .bind("officerId", officerId)
                .mapTo(byte[].class)
                .findOne();
    }

    public void insertInternalRecord(Handle h, String publicId, long caseId, String kind, long officerId,
                                     long createdAt, byte[] body) {
        h.createUpdate("""
                        INSERT INTO internal_record (public_id, case_id, kind, officer_id, created_at, body)
                        VALUES (:publicId, :caseId, :kind, :officerId, :createdAt, :body)""")
                .bind("publicId", publicId)
                .bind("caseId", caseId)
                .bind("kind", kind)
                .bind("officerId", officerId)
                .bind("createdAt", createdAt)
                .bind("body", body)
                .execute();
    }

    /** Returns the newest record of this kind for the case. */
    public Optional<InternalRecord> latestInternalRecord(Handle h, long caseId, String kind) {
        return h.createQuery("""
                        SELECT public_id, created_at, body FROM internal_record
                        WHERE case_id = :caseId AND kind = :kind ORDER BY id DESC LIMIT 1""")
                .bind("caseId", caseId)
                .bind("kind", kind)
                .map((rs, ctx) -> new InternalRecord(rs.getString(1), rs.getLong(2), rs.getBytes(3)))
                .findOne();
    }

    private static CaseWorkflow read(ResultSet rs) throws SQLException {
        CaseWorkflow workflow = new CaseWorkflow(rs.getLong("id"), rs.getString("reference"),
                ReportKind.fromId(rs.getString("kind")).orElseThrow(), rs.getLong("received_hour"),
                rs.getLong("version"), rs.getBytes("internal_public_key"));
        workflow.status = rs.getString("status");
        workflow.assigneeId = optionalLong(rs, "assignee_id");
        workflow.awareAt = instant(rs, "aware_at");
        workflow.acknowledgedAt = instant(rs, "acknowledged_at");
        workflow.feedbackAt = instant(rs, "feedback_at");
        workflow.extensionMonths = rs.getInt("extension_months");
        workflow.extendedAt = instant(rs, "extended_at");
        workflow.answeredAt = instant(rs, "answered_at");
        workflow.authorityDecision = Optional.ofNullable(rs.getString("authority_decision"));
        workflow.authorityNotifiedAt = instant(rs, "authority_notified_at");
        workflow.closedAt = instant(rs, "closed_at");
        return workflow;
    }

    static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return optionalLong(rs, column).map(Instant::ofEpochSecond);
    }

    private static Long seconds(Optional<Instant> instant) {
        return instant.map(Instant::getEpochSecond).orElse(null);
    }
}
