package org.sealbox.officer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.sealbox.crypto.BoxKeyPair;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.Envelope;
import org.sealbox.crypto.SealedBox;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.report.AttachmentMeta;
import org.sealbox.report.CaseContent;
import org.sealbox.report.CaseStore;
import org.sealbox.report.ReportService;
import org.sealbox.storage.AttachmentFiles;
import org.sealbox.storage.Database;

/**
 * Opens cases for a logged-in officer: the case private key sealed to the officer is unsealed
 * with the officer's private key from the session, then content and attachments are decrypted.
 * An officer without a sealed key for a case cannot open it. Thread-safe.
 */
public final class CaseReader {

    private final Database database;
    private final AttachmentFiles files;
    private final CaseStore cases = new CaseStore();

    /** A decrypted case. */
    public record OpenCase(CaseStore.Summary summary, CaseContent content, List<Attachment> attachments) {
    }

    /** An attachment's metadata without its key. */
    public record Attachment(String id, String name, long size, String sha256Hex) {
    }

    /** A decrypted attachment. */
    public record Download(String name, byte[] content) {
    }

    public CaseReader(Database database, AttachmentFiles files) {
        this.database = database;
        this.files = files;
    }

    public List<CaseStore.Summary> list(long officerId) {
        return database.read(h -> cases.listForOfficer(h, officerId));
    }

    /**
     * Decrypts a case for the officer.
     *
     * @return empty when the case does not exist or the officer holds no key for it
     * @throws DecryptionException when a key or ciphertext does not open
     */
    public Optional<OpenCase> open(OfficerService.SignedIn officer, long caseId) throws DecryptionException {
        Optional<CaseStore.Sealed> sealed = database.read(h -> cases.findForOfficer(h, caseId, officer.id()));
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        String reference = sealed.get().summary().reference();
        BoxKeyPair caseKeys = caseKeys(officer, sealed.get());
        try {
            byte[] json = Envelope.open(caseKeys, sealed.get().content(), ReportService.contentAssociatedData(reference));
            CaseContent content = CaseContent.fromJson(json);
            java.util.Arrays.fill(json, (byte) 0);

            List<Attachment> attachments = new ArrayList<>();
            for (CaseStore.AttachmentRow row : database.read(h -> cases.attachments(h, caseId))) {
                AttachmentMeta meta = openMeta(caseKeys, reference, row);
                meta.key().wipe();
                attachments.add(new Attachment(row.id(), meta.name(), meta.size(), meta.sha256Hex()));
            }
            return Optional.of(new OpenCase(sealed.get().summary(), content, attachments));
        } finally {
            caseKeys.wipe();
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
        Optional<CaseStore.AttachmentRow> row = database.read(h -> cases.attachments(h, caseId)).stream()
                .filter(candidate -> candidate.id().equals(attachmentId))
                .findFirst();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        BoxKeyPair caseKeys = caseKeys(officer, sealed.get());
        try {
            AttachmentMeta meta = openMeta(caseKeys, sealed.get().summary().reference(), row.get());
            try (SecretBytes key = meta.key()) {
                return Optional.of(new Download(meta.name(), files.readAttachment(row.get().id(), key)));
            }
        } finally {
            caseKeys.wipe();
        }
    }

    private static BoxKeyPair caseKeys(OfficerService.SignedIn officer, CaseStore.Sealed sealed) throws DecryptionException {
        SecretBytes casePrivateKey = SealedBox.open(officer.keys(), sealed.sealedPrivateKey());
        return BoxKeyPair.fromPrivateKey(casePrivateKey);
    }

    private static AttachmentMeta openMeta(BoxKeyPair caseKeys, String reference, CaseStore.AttachmentRow row)
            throws DecryptionException {
        byte[] json = Envelope.open(caseKeys, row.sealedMeta(), ReportService.attachmentAssociatedData(reference, row.id()));
        try {
            return AttachmentMeta.fromJson(json);
        } finally {
            java.util.Arrays.fill(json, (byte) 0);
        }
    }
}
