package org.sealbox.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.sqlite.SQLiteConfig;

import org.sealbox.storage.AttachmentFiles;
import org.sealbox.storage.Database;

/**
 * Writes a backup of a data directory into one ZIP archive while the server keeps running.
 *
 * <p>The database is copied with SQLite's {@code VACUUM INTO}, which reads one consistent snapshot
 * even while another process writes. The archive then takes exactly the attachment files that
 * this snapshot lists; files of cases sent after the snapshot are left out with their rows. If a
 * listed file disappears before it is copied (a purge ran meanwhile), the snapshot is taken again.
 * Every {@code *.key} file at the top of the data directory goes in too. Drafts are left out: their
 * keys live only in reporters' sessions. Attachments are already encrypted, and the database
 * contains ciphertext and officers' password-wrapped keys. The archive is as sensitive as the data
 * directory, so it is written with mode 0600.
 */
public final class BackupWriter {

    private static final int SNAPSHOT_ATTEMPTS = 3;
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private BackupWriter() {
    }

    /**
     * Result of a backup.
     *
     * @param manifest    the archive's manifest
     * @param attachments attachment files in the archive
     * @param keyFiles    key files in the archive
     * @param bytes       size of the archive
     */
    public record Summary(BackupManifest manifest, int attachments, int keyFiles, long bytes) {
    }

    /**
     * Writes a backup of {@code dataDir} to {@code archive}, a file that must not exist yet. The
     * archive appears under its name only when complete.
     *
     * @throws BackupException when the data directory has no database, the archive exists, or the
     *                         snapshot kept losing files to concurrent purges
     */
    public static Summary write(Path dataDir, Path archive, Clock clock) throws BackupException, IOException {
        Path database = dataDir.resolve(Database.FILE_NAME);
        if (!Files.isRegularFile(database)) {
            throw new BackupException("no database at " + database + ": check the data directory (sealbox.data-dir)");
        }
        if (Files.exists(archive)) {
            throw new BackupException(archive + " exists already: choose a new file name");
        }
        Path directory = archive.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw new BackupException("the directory " + directory + " does not exist: create it or choose another");
        }
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        for (int attempt = 1; ; attempt++) {
            try {
                Summary summary = writeOnce(dataDir, partial, clock);
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
                return summary;
            } catch (NoSuchFileException e) {
                Files.deleteIfExists(partial);
                if (attempt == SNAPSHOT_ATTEMPTS) {
                    throw new BackupException("attachment files disappeared during " + SNAPSHOT_ATTEMPTS
                            + " attempts (cases were being purged); run the backup again", e);
                }
            } catch (IOException | RuntimeException | BackupException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
        }
    }

    /**
     * Takes a snapshot and writes the archive to {@code partial}.
     *
     * @throws NoSuchFileException when an attachment that the snapshot lists is gone
     */
    private static Summary writeOnce(Path dataDir, Path partial, Clock clock) throws BackupException, IOException {
        Path snapshot = dataDir.resolve("backup-" + UUID.randomUUID() + ".db.partial");
        try {
            Instant created = clock.instant();
            List<String> attachmentIds = snapshotDatabase(dataDir.resolve(Database.FILE_NAME), snapshot);
            List<Path> keyFiles = keyFiles(dataDir);

            List<BackupManifest.Entry> entries = new ArrayList<>();
            BackupManifest manifest;
            createOwnerOnly(partial);
            try (OutputStream file = Files.newOutputStream(partial, StandardOpenOption.TRUNCATE_EXISTING);
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file))) {
                // The content is ciphertext, so compression gains little; the fastest level keeps the CPU free.
                zip.setLevel(Deflater.BEST_SPEED);
                entries.add(addFile(zip, BackupManifest.DATABASE_ENTRY, snapshot, created));
                for (String id : attachmentIds) {
                    entries.add(addFile(zip, "attachments/" + id, dataDir.resolve("attachments").resolve(id), created));
                }
                for (Path key : keyFiles) {
                    entries.add(addFile(zip, key.getFileName().toString(), key, created));
                }
                manifest = new BackupManifest(BackupManifest.FORMAT_VERSION, created,
                        BackupManifest.currentSealboxVersion(), entries);
                ZipEntry manifestEntry = new ZipEntry(BackupManifest.ENTRY_NAME);
                manifestEntry.setTime(created.toEpochMilli());
                zip.putNextEntry(manifestEntry);
                zip.write(manifest.toJson());
                zip.closeEntry();
            }
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return new Summary(manifest, attachmentIds.size(), keyFiles.size(), Files.size(partial));
        } finally {
            Files.deleteIfExists(snapshot);
        }
    }

    /**
     * Copies the live database into {@code snapshot} with {@code VACUUM INTO} and returns the ids of
     * the attachments that the snapshot lists.
     */
    private static List<String> snapshotDatabase(Path database, Path snapshot) throws BackupException, IOException {
        // VACUUM INTO accepts an existing empty file, so the copy is created with mode 0600 from the start.
        createOwnerOnly(snapshot);
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        try (Connection live = config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
             PreparedStatement vacuum = live.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, snapshot.toAbsolutePath().toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new BackupException("SQLite could not copy the database: " + e.getMessage(), e);
        }

        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection copy = readOnly.createConnection("jdbc:sqlite:" + snapshot.toAbsolutePath());
             Statement query = copy.createStatement();
             ResultSet rows = query.executeQuery("SELECT id FROM attachment ORDER BY id")) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                String id = rows.getString(1);
                if (!AttachmentFiles.isValidId(id)) {
                    throw new BackupException("the database lists an attachment with an invalid id; run"
                            + " 'PRAGMA integrity_check' on it before backing up");
                }
                ids.add(id);
            }
            return ids;
        } catch (SQLException e) {
            throw new BackupException("could not read the database copy: " + e.getMessage(), e);
        }
    }

    /** Lists the regular {@code *.key} files at the top of the data directory, by name. */
    private static List<Path> keyFiles(Path dataDir) throws IOException {
        try (var files = Files.list(dataDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(".key"))
                    .filter(path -> BackupManifest.isAllowedPath(path.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    /** Adds {@code source} as entry {@code name}, hashing it on the way. Entry times are the snapshot time, not file times. */
    private static BackupManifest.Entry addFile(ZipOutputStream zip, String name, Path source, Instant created)
            throws IOException {
        MessageDigest sha256 = sha256();
        long size;
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), sha256)) {
            ZipEntry entry = new ZipEntry(name);
            entry.setTime(created.toEpochMilli());
            zip.putNextEntry(entry);
            size = in.transferTo(zip);
            zip.closeEntry();
        }
        return new BackupManifest.Entry(name, size, HexFormat.of().formatHex(sha256.digest()));
    }

    /** Creates an empty file with mode 0600, or truncates an existing one to that. */
    static void createOwnerOnly(Path file) throws IOException {
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
        try {
            Files.createFile(file, mode);
        } catch (FileAlreadyExistsException e) {
            Files.write(file, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        }
        // The umask can only remove bits, but an existing file keeps its own mode.
        Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
