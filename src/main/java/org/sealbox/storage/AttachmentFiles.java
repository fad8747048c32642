package org.sealbox.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.FileCipher;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.crypto.Sodium;
import org.sealbox.crypto.TooLargeException;

/**
 * Encrypted attachment files in the data directory.
 *
 * <p>An upload is streamed through {@link FileCipher} into {@code drafts/<id>} under a fresh key
 * that only the reporter's session and review page hold. Sending the report moves the file to
 * {@code attachments/<id>} and seals the key to the case. File names on disk are random ids
 * that the server chose; names sent by browsers never become paths. Thread-safe.
 */
public final class AttachmentFiles {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final String PARTIAL_SUFFIX = ".partial";

    private final Path drafts;
    private final Path attachments;

    /** A stored upload: its id, the key it is encrypted under, and facts about the plaintext. */
    public record Stored(String id, SecretBytes key, long size, String sha256Hex) {
        @Override
        public String toString() {
            return "Stored[" + id + ", REDACTED]";
        }
    }

    public AttachmentFiles(Path dataDir) throws IOException {
        this.drafts = Files.createDirectories(dataDir.resolve("drafts"));
        this.attachments = Files.createDirectories(dataDir.resolve("attachments"));
    }

    /** The associated data binding an attachment's ciphertext to its id. */
    public static String associatedData(String id) {
        return "attachment/" + id;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Encrypts {@code content} into a new draft.
     *
     * @throws TooLargeException when the content is longer than {@code maxBytes}; nothing is kept
     */
    public Stored storeDraft(InputStream content, long maxBytes) throws IOException, TooLargeException {
        String id = HexFormat.of().formatHex(Sodium.get().randomBytes(16));
        SecretBytes key = FileCipher.newKey();
        Path partial = drafts.resolve(id + PARTIAL_SUFFIX);
        MessageDigest sha256 = sha256();
        try (OutputStream out = Files.newOutputStream(partial)) {
            long size = FileCipher.encrypt(new DigestInputStream(content, sha256), out, key, associatedData(id), maxBytes);
            out.close();
            Files.move(partial, drafts.resolve(id), StandardCopyOption.ATOMIC_MOVE);
            return new Stored(id, key, size, HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException | TooLargeException | RuntimeException e) {
            key.wipe();
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    /** Deletes a draft, e.g. one the reporter replaced. */
    public void deleteDraft(String id) throws IOException {
        if (isValidId(id)) {
            Files.deleteIfExists(drafts.resolve(id));
        }
    }

    public Optional<Path> draft(String id) {
        if (!isValidId(id)) {
            return Optional.empty();
        }
        Path path = drafts.resolve(id);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /**
     * Decrypts a draft to {@code out} to prove the key fits, returning size and SHA-256.
     *
     * @throws DecryptionException when the key is wrong or the file was changed
     */
    public Stored verifyDraft(String id, SecretBytes key) throws IOException, DecryptionException {
        Path path = draft(id).orElseThrow(DecryptionException::new);
        MessageDigest sha256 = sha256();
        long size;
        try (InputStream in = Files.newInputStream(path);
             OutputStream sink = new java.security.DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            size = FileCipher.decrypt(in, sink, key, associatedData(id));
        }
        return new Stored(id, key, size, HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * Moves a verified draft into the attachment store. The file's modification time is set to
     * {@code storedHour}, the hour-rounded time that the database keeps, because the upload's
     * exact time would otherwise tell more about the reporter's visit than the database does.
     */
    public void promote(String id, Instant storedHour) throws IOException {
        Path source = draft(id).orElseThrow(() -> new IOException("draft attachment is gone"));
        Path target = attachments.resolve(id);
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(storedHour));
    }

    /** Deletes a stored attachment, e.g. when the case row could not be written. */
    public void deleteAttachment(String id) throws IOException {
        if (isValidId(id)) {
            Files.deleteIfExists(attachments.resolve(id));
        }
    }

    /**
     * Decrypts a stored attachment completely into memory; returns it only if it is intact.
     *
     * @throws DecryptionException when the key is wrong or the file was changed or truncated
     */
    public byte[] readAttachment(String id, SecretBytes key) throws IOException, DecryptionException {
        if (!isValidId(id)) {
            throw new DecryptionException();
        }
        try (InputStream in = Files.newInputStream(attachments.resolve(id))) {
            var out = new java.io.ByteArrayOutputStream();
            FileCipher.decrypt(in, out, key, associatedData(id));
            return out.toByteArray();
        }
    }

    /**
     * Deletes drafts older than {@code maxAge}. Their keys lived only in sessions that have ended,
     * so they can no longer be read by anyone. Returns how many were deleted.
     */
    public int deleteStaleDrafts(Duration maxAge, Instant now) throws IOException {
        int deleted = 0;
        try (var files = Files.list(drafts)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(maxAge))) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
