package org.sealbox.retention;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.Handle;

import org.sealbox.storage.AttachmentFiles;
import org.sealbox.storage.Database;
import org.sealbox.web.ErrorPages;

/**
 * Deletes cases past retention ({@link RetentionPolicy}). One write transaction removes every
 * expired case's sealed keys ({@code case_key}), attachment rows and case row; then the encrypted
 * attachment files are deleted and the WAL is checkpointed and truncated. SQLite runs with
 * {@code secure_delete}, so the freed pages are overwritten with zeros, and the truncation drops
 * the old page versions that the WAL still held. Logs counts only. Thread-safe.
 */
public final class CasePurge {

    private static final System.Logger LOG = System.getLogger(CasePurge.class.getName());

    private final Database database;
    private final AttachmentFiles files;
    private final RetentionPolicy policy;
    private final Clock clock;

    /**
     * Counts of what a purge deleted.
     *
     * @param cases       case rows deleted, with their keys and attachment rows
     * @param attachments attachment files deleted from disk
     */
    public record Result(int cases, int attachments) {
    }

    /** A case row as far as retention needs it; nothing here is secret. */
    private record Candidate(long id, String kind, String status, long receivedHour) {
    }

    public CasePurge(Database database, AttachmentFiles files, RetentionPolicy policy, Clock clock) {
        this.database = database;
        this.files = files;
        this.policy = policy;
        this.clock = clock;
    }

    /** Counts the cases past retention now, deleting nothing. */
    public int countExpired() {
        Instant now = clock.instant();
        return database.read(h -> expiredCaseIds(h, now)).size();
    }

    /**
     * Deletes every case past retention now. An attachment file that cannot be deleted is logged as
     * a count and stays on disk, unreadable, because its key is gone with the rows.
     */
    public Result purge() {
        Instant now = clock.instant();
        List<String> attachmentIds = new ArrayList<>();
        int deletedCases = database.write(h -> {
            attachmentIds.clear();
            List<Long> expired = expiredCaseIds(h, now);
            for (long caseId : expired) {
                attachmentIds.addAll(h.createQuery("SELECT id FROM attachment WHERE case_id = :caseId")
                        .bind("caseId", caseId)
                        .mapTo(String.class)
                        .list());
                h.createUpdate("DELETE FROM case_key WHERE case_id = :caseId").bind("caseId", caseId).execute();
                h.createUpdate("DELETE FROM attachment WHERE case_id = :caseId").bind("caseId", caseId).execute();
                h.createUpdate("DELETE FROM report_case WHERE id = :caseId").bind("caseId", caseId).execute();
            }
            return expired.size();
        });
        if (deletedCases == 0) {
            LOG.log(Level.INFO, "Retention purge: no case is past retention");
            return new Result(0, 0);
        }

        // The rows are committed first: a file whose row is gone is unreadable, whereas a row whose
        // file is gone would be a broken case.
        int deletedFiles = 0;
        int failedFiles = 0;
        for (String id : attachmentIds) {
            try {
                files.deleteAttachment(id);
                deletedFiles++;
            } catch (IOException e) {
                failedFiles++;
            }
        }
        if (failedFiles > 0) {
            LOG.log(Level.WARNING, "Retention purge could not delete {0} attachment files; their keys are gone",
                    Integer.toString(failedFiles));
        }
        checkpoint();
        LOG.log(Level.INFO, "Retention purge deleted {0} cases and {1} attachment files",
                Integer.toString(deletedCases), Integer.toString(deletedFiles));
        return new Result(deletedCases, deletedFiles);
    }

    /** Runs {@link #purge()} for the daily schedule, logging instead of throwing. */
    public void purgeAndLogFailure() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Retention purge failed: " + ErrorPages.describe(e));
        }
    }

    /**
     * Copies the WAL into the database file and truncates it to zero bytes, so that the old
     * versions of the deleted pages do not stay in the WAL. Waits for readers through the busy
     * timeout. If readers still use an older snapshot, SQLite's next checkpoint completes the copy.
     */
    private void checkpoint() {
        int busy = database.read(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)")
                .map((rs, ctx) -> rs.getInt(1))
                .one());
        if (busy != 0) {
            LOG.log(Level.WARNING, "Retention purge: the WAL could not be truncated because readers were active;"
                    + " SQLite's next checkpoint will overwrite it");
        }
    }

    private List<Long> expiredCaseIds(Handle h, Instant now) {
        long minDays = policy.rules().stream().mapToLong(RetentionPolicy.Rule::days).min().orElse(-1);
        if (minDays < 0) {
            return List.of();
        }
        // No rule expires a case younger than the shortest retention, so the index narrows the scan.
        long latestReceived = now.minus(Duration.ofDays(minDays)).getEpochSecond();
        List<Candidate> candidates = h.createQuery("""
                        SELECT id, kind, status, received_hour FROM report_case
                        WHERE received_hour <= :latest ORDER BY id""")
                .bind("latest", latestReceived)
                .map((rs, ctx) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .list();
        List<Long> expired = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (policy.isExpired(candidate.kind(), candidate.status(), candidate.receivedHour(), now)) {
                expired.add(candidate.id());
            }
        }
        return expired;
    }
}
