package org.sealbox.postbox;

import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.sealbox.crypto.BoxKeyPair;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.Envelope;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.crypto.Sodium;
import org.sealbox.report.AttachmentMeta;
import org.sealbox.report.CaseContent;
import org.sealbox.report.ReportService;
import org.sealbox.storage.AttachmentFiles;
import org.sealbox.storage.Database;

/**
 * The conversation of a case: the report first, then messages from the reporter's postbox and
 * from officers in the order they were stored.
 *
 * <p>Posting needs only the case public key, which the server holds, so officers and reporters
 * can add messages without the server being able to read earlier ones. Reading needs the case
 * private key, which only a logged-in officer or postbox holder brings. Thread-safe.
 */
public final class Conversation {


    private final Database database;
    private final AttachmentFiles files;
    private final MessageStore store = new MessageStore();
    private final Clock clock;

    /** A decrypted attachment's description. */
    public record Attachment(String id, String name, long size, String sha256Hex) {
        @Override
        public String toString() {
            return "Attachment[" + id + ", REDACTED]";
        }
    }

    /** A decrypted message. {@code createdHour} is epoch seconds rounded down to the hour. */
    public record Message(String publicId, Author author, long createdHour, String text, List<Attachment> attachments) {
        @Override
        public String toString() {
            return "Message[" + author + ", REDACTED]";
        }
    }

    /** The whole decrypted conversation, the report first. */
    public record Thread(CaseContent report, List<Attachment> reportAttachments, List<Message> messages) {
    }

    /** A file for a new message, already stored as an encrypted draft. */
    public record NewAttachment(String draftId, SecretBytes key, String name) {
        @Override
        public String toString() {
            return "NewAttachment[" + draftId + ", REDACTED]";
        }
    }

    public Conversation(Database database, AttachmentFiles files, Clock clock) {
        this.database = database;
        this.files = files;
        this.clock = clock;
    }

    /**
     * Stores a message sealed to the case, with an optional attachment whose draft is verified
     * and moved into the attachment store.
     *
     * @throws DecryptionException when the draft attachment does not decrypt with its key
     * @throws IllegalArgumentException when the case does not exist
     */
    public String post(long caseId, Author author, String text, Optional<NewAttachment> attachment)
            throws IOException, DecryptionException {
        byte[] publicKey = database.read(h -> store.casePublicKey(h, caseId))
                .orElseThrow(() -> new IllegalArgumentException("no such case"));
        String reference = database.read(h -> store.reference(h, caseId)).orElseThrow();
        Optional<AttachmentFiles.Stored> stored = Optional.empty();
        if (attachment.isPresent()) {
            stored = Optional.of(files.verifyDraft(attachment.get().draftId(), attachment.get().key()));
        }
        String publicId = HexFormat.of().formatHex(Sodium.get().randomBytes(16));
        long hour = clock.instant().truncatedTo(ChronoUnit.HOURS).getEpochSecond();
        byte[] body = Envelope.seal(publicKey, textJson(text), messageAssociatedData(reference, publicId));

        Optional<AttachmentFiles.Stored> file = stored;
        database.write(h -> {
            long messageId = store.insert(h, publicId, caseId, author, hour, body);
            if (file.isPresent()) {
                AttachmentFiles.Stored f = file.get();
                AttachmentMeta meta = new AttachmentMeta(attachment.get().name(), f.size(), f.sha256Hex(), f.key());
                store.insertAttachment(h, f.id(), caseId, messageId, Envelope.seal(publicKey, meta.toJson(),
                        ReportService.attachmentAssociatedData(reference, f.id())));
                files.promote(f.id(), java.time.Instant.ofEpochSecond(hour));
            }
            return messageId;
        });
        return publicId;
    }

    /**
     * Stores a text message sealed to the case inside the caller's write transaction, so that it
     * commits together with the caller's other changes, such as a workflow step that posts a
     * message to the reporter.
     *
     * @throws IllegalArgumentException when the case does not exist
     */
    public String post(org.jdbi.v3.core.Handle h, long caseId, Author author, String text) {
        byte[] publicKey = store.casePublicKey(h, caseId).orElseThrow(() -> new IllegalArgumentException("no such case"));
        String reference = store.reference(h, caseId).orElseThrow();
        String publicId = HexFormat.of().formatHex(Sodium.get().randomBytes(16));
        long hour = clock.instant().truncatedTo(ChronoUnit.HOURS).getEpochSecond();
        store.insert(h, publicId, caseId, author, hour,
                Envelope.seal(publicKey, textJson(text), messageAssociatedData(reference, publicId)));
        return publicId;
    }

    /**
     * Decrypts the report and every message of the case.
     *
     * @throws DecryptionException when a ciphertext does not open with {@code caseKeys}
     */
    public Thread read(long caseId, BoxKeyPair caseKeys) throws DecryptionException {
        String reference = database.read(h -> store.reference(h, caseId)).orElseThrow();
        byte[] content = database.read(h -> store.caseContent(h, caseId)).orElseThrow();
        CaseContent report = CaseContent.fromJson(
                Envelope.open(caseKeys, content, ReportService.contentAssociatedData(reference)));

        List<MessageStore.AttachmentRow> attachmentRows = database.read(h -> store.attachments(h, caseId));
        List<Attachment> reportAttachments = new ArrayList<>();
        for (MessageStore.AttachmentRow row : attachmentRows) {
            if (row.messageId().isEmpty()) {
                reportAttachments.add(describe(caseKeys, reference, row));
            }
        }
        List<Message> messages = new ArrayList<>();
        for (MessageStore.Row row : database.read(h -> store.messages(h, caseId))) {
            byte[] json = Envelope.open(caseKeys, row.body(), messageAssociatedData(reference, row.publicId()));
            List<Attachment> attached = new ArrayList<>();
            for (MessageStore.AttachmentRow attachment : attachmentRows) {
                if (attachment.messageId().equals(Optional.of(row.id()))) {
                    attached.add(describe(caseKeys, reference, attachment));
                }
            }
            messages.add(new Message(row.publicId(), row.author(), row.createdHour(), textFrom(json), attached));
        }
        return new Thread(report, reportAttachments, messages);
    }

    /**
     * Decrypts one attachment of the case, whether of the report or of a message.
     *
     * @return empty when the case has no attachment with this id
     */
    public Optional<org.sealbox.officer.CaseReader.Download> download(long caseId, BoxKeyPair caseKeys, String attachmentId)
            throws DecryptionException, IOException {
        String reference = database.read(h -> store.reference(h, caseId)).orElseThrow();
        Optional<MessageStore.AttachmentRow> row = database.read(h -> store.attachments(h, caseId)).stream()
                .filter(candidate -> candidate.id().equals(attachmentId))
                .findFirst();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        byte[] json = Envelope.open(caseKeys, row.get().sealedMeta(),
                ReportService.attachmentAssociatedData(reference, row.get().id()));
        AttachmentMeta meta = AttachmentMeta.fromJson(json);
        try (SecretBytes key = meta.key()) {
            return Optional.of(new org.sealbox.officer.CaseReader.Download(meta.name(),
                    files.readAttachment(row.get().id(), key)));
        }
    }

    /** The associated data binding a message envelope to its case and message id. */
    static String messageAssociatedData(String reference, String publicId) {
        return "case/" + reference + "/message/" + publicId;
    }

    private static Attachment describe(BoxKeyPair caseKeys, String reference, MessageStore.AttachmentRow row)
            throws DecryptionException {
        byte[] json = Envelope.open(caseKeys, row.sealedMeta(), ReportService.attachmentAssociatedData(reference, row.id()));
        AttachmentMeta meta = AttachmentMeta.fromJson(json);
        meta.key().wipe();
        return new Attachment(row.id(), meta.name(), meta.size(), meta.sha256Hex());
    }

    private static byte[] textJson(String text) {
        JsonObject document = Json.createObjectBuilder().add("v", 1).add("text", text).build();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var writer = Json.createWriter(out)) {
            writer.writeObject(document);
        }
        return out.toByteArray();
    }

    private static String textFrom(byte[] json) {
        try (var reader = Json.createReader(new java.io.ByteArrayInputStream(json))) {
            return reader.readObject().getString("text");
        }
    }
}
