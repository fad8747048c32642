package org.sealbox.report;

import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.sealbox.casework.CaseClock;
import org.sealbox.casework.CaseTimes;
import org.sealbox.casework.WorkflowStore;
import org.sealbox.crypto.BoxKeyPair;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.Envelope;
import org.sealbox.crypto.SealedBox;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.officer.OfficerStore;
import org.sealbox.storage.AttachmentFiles;
import org.sealbox.storage.Database;

/**
 * Turns a reviewed draft into a case: a fresh key pair per case, the content and every
 * attachment key sealed to the case public key, the case private keys sealed to each active
 * officer. After this the server has no key that opens the case. Thread-safe.
 */
public final class ReportService {

    private static final int REFERENCE_ATTEMPTS = 5;

    private final Database database;
    private final AttachmentFiles files;
    private final CaseStore cases = new CaseStore();
    private final OfficerStore officers = new OfficerStore();
    private final Clock clock;
    private final CaseClock caseClock;

    /** No active officer exists yet, so a case could not be read by anyone. */
    public static final class NoRecipientException extends Exception {
        public NoRecipientException() {
            super("no active officer to seal the case to");
        }
    }

    /** The draft's attachment is gone or does not decrypt with the key from the review page. */
    public static final class AttachmentLostException extends Exception {
        public AttachmentLostException() {
            super("draft attachment missing or unreadable");
        }
    }

    /** Creates the service; {@code caseClock} computes the first {@code next_deadline} of each case. */
    public ReportService(Database database, AttachmentFiles files, Clock clock, CaseClock caseClock) {
        this.database = database;
        this.files = files;
        this.clock = clock;
        this.caseClock = caseClock;
    }

    /** Creates a service that computes deadlines in UTC, for tests that do not look at deadlines. */
    public ReportService(Database database, AttachmentFiles files, Clock clock) {
        this(database, files, clock, new CaseClock(java.time.ZoneOffset.UTC));
    }

    /** Returns whether cases can be received, i.e. at least one active officer exists. */
    public boolean isOpen() {
        return database.read(h -> officers.countActive(h)) > 0;
    }

    /**
     * A case just stored: its reference number and id, and its key pair, which the caller holds
     * only until the reporter has set up a postbox (or the session ends) and must then close.
     */
    public record Submitted(String reference, long caseId, BoxKeyPair caseKeys) implements AutoCloseable {
        @Override
        public void close() {
            caseKeys.wipe();
        }

        @Override
        public String toString() {
            return "Submitted[REDACTED]";
        }
    }

    /**
     * Stores the draft as a new case and returns its reference number and keys.
     *
     * @throws NoRecipientException     when no active officer exists
     * @throws AttachmentLostException  when the draft attachment cannot be verified
     */
    public Submitted submit(ReportDraft draft) throws NoRecipientException, AttachmentLostException, IOException {
        List<OfficerStore.Recipient> recipients = database.read(officers::activeRecipients);
        if (recipients.isEmpty()) {
            throw new NoRecipientException();
        }
        AttachmentFiles.Stored attachment = verifyAttachment(draft);

        BoxKeyPair caseKeys = BoxKeyPair.generate();
        BoxKeyPair internalKeys = BoxKeyPair.generate();
        boolean stored = false;
        try {
            Submitted submitted = database.write(h -> {
                String candidate = freshReference(h);
                long receivedHour = clock.instant().truncatedTo(ChronoUnit.HOURS).getEpochSecond();
                byte[] content = Envelope.seal(caseKeys.publicKey(),
                        new CaseContent(draft.kind(), draft.answers(), draft.details()).toJson(),
                        contentAssociatedData(candidate));
                long caseId = cases.insertCase(h, candidate, draft.kind(), receivedHour,
                        caseKeys.publicKey(), internalKeys.publicKey(), content);
                cases.setNextDeadline(h, caseId, WorkflowStore.nextDeadline(caseClock,
                        CaseTimes.received(draft.kind(), java.time.Instant.ofEpochSecond(receivedHour))));
                for (OfficerStore.Recipient officer : recipients) {
                    cases.insertCaseKey(h, caseId, officer.id(),
                            SealedBox.seal(officer.publicKey(), caseKeys.privateKey().bytes()),
                            SealedBox.seal(officer.publicKey(), internalKeys.privateKey().bytes()));
                }
                if (attachment != null) {
                    AttachmentMeta meta = new AttachmentMeta(draft.attachment().orElseThrow().name(),
                            attachment.size(), attachment.sha256Hex(), attachment.key());
                    cases.insertAttachment(h, attachment.id(), caseId, 0, Envelope.seal(caseKeys.publicKey(),
                            meta.toJson(), attachmentAssociatedData(candidate, attachment.id())));
                    files.promote(attachment.id(), java.time.Instant.ofEpochSecond(receivedHour));
                }
                return new Submitted(candidate, caseId, caseKeys);
            });
            stored = true;
            return submitted;
        } finally {
            if (!stored) {
                caseKeys.wipe();
            }
            internalKeys.wipe();
            if (attachment != null) {
                attachment.key().wipe();
            }
        }
    }

    /** Returns the associated data binding a case's content envelope to its reference number. */
    public static String contentAssociatedData(String reference) {
        return "case/" + reference + "/content";
    }

    /** Returns the associated data binding an attachment envelope to its case and id. */
    public static String attachmentAssociatedData(String reference, String attachmentId) {
        return "case/" + reference + "/attachment/" + attachmentId;
    }

    private AttachmentFiles.Stored verifyAttachment(ReportDraft draft) throws AttachmentLostException, IOException {
        if (draft.attachment().isEmpty()) {
            return null;
        }
        ReportDraft.AttachmentRef ref = draft.attachment().get();
        SecretBytes key;
        try {
            key = SecretBytes.wrap(Base64.getUrlDecoder().decode(ref.key()));
        } catch (IllegalArgumentException e) {
            throw new AttachmentLostException();
        }
        try {
            return files.verifyDraft(ref.id(), key);
        } catch (DecryptionException e) {
            key.wipe();
            throw new AttachmentLostException();
        }
    }

    private String freshReference(org.jdbi.v3.core.Handle h) {
        List<String> tried = new ArrayList<>();
        for (int attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
            String candidate = ReferenceNumbers.generate();
            if (!cases.referenceExists(h, candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        // About 2^74 numbers exist; five collisions in a row mean the random source is broken.
        throw new IllegalStateException("no unused reference number after " + tried.size() + " attempts");
    }
}
