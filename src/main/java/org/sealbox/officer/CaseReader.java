package org.sealbox.officer;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.sealbox.crypto.BoxKeyPair;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.SealedBox;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.postbox.Conversation;
import org.sealbox.report.CaseStore;
import org.sealbox.storage.Database;

/**
 * Opens cases for a logged-in officer: the case private key sealed to the officer is unsealed
 * with the officer's private key from the session, then the conversation is decrypted with it.
 * An officer without a sealed key for a case cannot open it. Thread-safe.
 */
public final class CaseReader {

    private final Database database;
    private final Conversation conversation;
    private final CaseStore cases = new CaseStore();

    /** A decrypted case. */
    public record OpenCase(CaseStore.Summary summary, Conversation.Thread thread, boolean hasPostbox) {
    }

    /** A decrypted attachment. */
    public record Download(String name, byte[] content) {
        @Override
        public String toString() {
            return "Download[REDACTED]";
        }
    }

    public CaseReader(Database database, Conversation conversation) {
        this.database = database;
        this.conversation = conversation;
    }

    public List<CaseStore.Summary> list(long officerId) {
        return database.read(h -> cases.listForOfficer(h, officerId));
    }

    /**
     * Decrypts a case for the officer.
     *
     * @return empty when the case does not exist or the officer has no key for it
     * @throws DecryptionException when a key or ciphertext does not open
     */
    public Optional<OpenCase> open(OfficerService.SignedIn officer, long caseId) throws DecryptionException {
        Optional<CaseStore.Sealed> sealed = database.read(h -> cases.findForOfficer(h, caseId, officer.id()));
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        try (BoxKeyPair caseKeys = caseKeys(officer, sealed.get())) {
            Conversation.Thread thread = conversation.read(caseId, caseKeys);
            boolean hasPostbox = database.read(h -> cases.hasPostbox(h, caseId));
            return Optional.of(new OpenCase(sealed.get().summary(), thread, hasPostbox));
        }
    }

    /**
     * Decrypts one attachment of a case for the officer.
     *
     * @return empty when the case, the attachment or the officer's key is missing
     */
    public Optional<Download> download(OfficerService.SignedIn officer, long caseId, String attachmentId)
            throws DecryptionException, IOException {
        Optional<CaseStore.Sealed> sealed = database.read(h -> cases.findForOfficer(h, caseId, officer.id()));
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        try (BoxKeyPair caseKeys = caseKeys(officer, sealed.get())) {
            return conversation.download(caseId, caseKeys, attachmentId);
        }
    }

    /** Whether the officer has a key for the case, i.e. may write to it. */
    public boolean canAccess(OfficerService.SignedIn officer, long caseId) {
        return database.read(h -> cases.findForOfficer(h, caseId, officer.id())).isPresent();
    }

    private static BoxKeyPair caseKeys(OfficerService.SignedIn officer, CaseStore.Sealed sealed) throws DecryptionException {
        SecretBytes casePrivateKey = SealedBox.open(officer.keys(), sealed.sealedPrivateKey());
        return BoxKeyPair.fromPrivateKey(casePrivateKey);
    }
}
