package org.sealbox.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import org.sealbox.storage.Database;

/**
 * The audit log of officer actions in the {@code audit_entry} table, chained by {@link AuditChain}.
 * An entry names the officer (username), the action, the case id and the officer the action
 * affects (username), never case content.
 *
 * <p>Thread-safe: appending reads the last entry and inserts the next one inside a write
 * transaction, and the database runs one write transaction at a time, so the chain cannot fork.
 */
public final class AuditLog {

    /** Action names, one per kind of officer action. */
    public static final String LOGIN = "login";
    public static final String LOGIN_FAILED = "login.failed";
    public static final String LOGOUT = "logout";
    public static final String CASE_VIEW = "case.view";
    public static final String CASE_DOWNLOAD = "case.download";
    public static final String CASE_REPLY = "case.reply";
    public static final String CASE_STATUS = "case.status";
    public static final String CASE_ASSIGN = "case.assign";
    public static final String CASE_DEADLINE = "case.deadline";
    public static final String CASE_NOTE = "case.note";
    public static final String CASE_RISK = "case.risk";
    public static final String CASE_GRANT = "case.grant";
    public static final String CASE_EXCLUDE = "case.exclude";
    public static final String EXPORT = "register.export";
    public static final String REGISTER_VIEW = "register.view";
    public static final String CASE_REGISTER_ENTRY = "case.register-entry";
    public static final String OFFICER_INVITE = "officer.invite";
    public static final String OFFICER_INVITE_WITHDRAWN = "officer.invite-withdrawn";
    public static final String OFFICER_ACTIVATE = "officer.activate";
    public static final String OFFICER_DEACTIVATE = "officer.deactivate";
    public static final String OFFICER_PASSWORD = "officer.password";
    public static final String AUDIT_VERIFY = "audit.verify";

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Appends an entry in its own write transaction. */
    public void record(String officer, String action, Optional<Long> caseId) {
        database.write(h -> {
            record(h, officer, action, caseId);
            return null;
        });
    }

    /** Appends an entry without a subject inside the caller's write transaction, so it commits with the action. */
    public void record(Handle h, String officer, String action, Optional<Long> caseId) {
        record(h, officer, action, caseId, Optional.empty());
    }

    /**
     * Appends an entry inside the caller's write transaction, so it commits with the action.
     *
     * @param subject username of the officer the action affects, such as the grantee of a grant
     */
    public void record(Handle h, String officer, String action, Optional<Long> caseId, Optional<String> subject) {
        Optional<AuditEntry> last = h.createQuery("SELECT * FROM audit_entry ORDER BY sequence DESC LIMIT 1")
                .map((rs, ctx) -> read(rs))
                .findOne();
        AuditEntry entry = AuditChain.append(last, clock.instant(), officer, action, caseId.map(Object::toString),
                subject);
        h.createUpdate("""
                        INSERT INTO audit_entry (sequence, at, officer, action, case_id, subject, previous_hash, hash)
                        VALUES (:sequence, :at, :officer, :action, :caseId, :subject, :previousHash, :hash)""")
                .bind("sequence", entry.sequence())
                .bind("at", entry.at().toEpochMilli())
                .bind("officer", entry.officer())
                .bind("action", entry.action())
                .bind("caseId", caseId.orElse(null))
                .bind("subject", entry.subject().orElse(null))
                .bind("previousHash", entry.previousHash())
                .bind("hash", entry.hash())
                .execute();
    }

    /** Entries newest first, for the administrator's page. */
    public List<AuditEntry> page(int offset, int limit) {
        return database.read(h -> h.createQuery("SELECT * FROM audit_entry ORDER BY sequence DESC LIMIT :limit OFFSET :offset")
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    public long count() {
        return database.read(h -> h.createQuery("SELECT COUNT(*) FROM audit_entry").mapTo(Long.class).one());
    }

    /** Checks the whole chain from its first entry. */
    public AuditChain.Verification verify() {
        return AuditChain.verify(database.read(h -> h.createQuery("SELECT * FROM audit_entry ORDER BY sequence")
                .map((rs, ctx) -> read(rs))
                .list()));
    }

    private static AuditEntry read(java.sql.ResultSet rs) throws java.sql.SQLException {
        long caseId = rs.getLong("case_id");
        Optional<String> caseText = rs.wasNull() ? Optional.empty() : Optional.of(Long.toString(caseId));
        Optional<String> subject = Optional.ofNullable(rs.getString("subject"));
        return new AuditEntry(rs.getLong("sequence"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("officer"),
                rs.getString("action"), caseText, subject, rs.getBytes("previous_hash"), rs.getBytes("hash"));
    }
}
