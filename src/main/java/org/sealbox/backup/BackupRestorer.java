package org.sealbox.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.sqlite.SQLiteConfig;

import org.sealbox.storage.Database;

/**
 * Restores a backup archive ({@link BackupWriter}) into an empty data directory.
 *
 * <p>Before anything is written, the archive's entries must match its manifest exactly and name only
 * the database, attachment files and key files. While extracting, each file's size and SHA-256 are
 * checked against the manifest. Afterwards SQLite's integrity check runs on the database, and every
 * attachment that the database lists must have been restored. If any check fails, everything written is removed again,
 * so the target is left as it was. The directory gets mode 0700, every file 0600.
 */
public final class BackupRestorer {

    private static final String DIRECTORY_MODE = "rwx------";
    private static final String FILE_MODE = "rw-------";

    private BackupRestorer() {
    }

    /**
     * Result of a restore.
     *
     * @param manifest    the archive's manifest
     * @param cases       cases in the restored database
     * @param attachments attachment files restored
     * @param keyFiles    key files restored
     */
    public record Summary(BackupManifest manifest, long cases, long attachments, int keyFiles) {
    }

    /**
     * Restores {@code archive} into {@code dataDir}, which must be missing or an empty directory.
     *
     * @throws BackupException.TargetNotEmptyException when {@code dataDir} has any content
     * @throws BackupException when the archive is unreadable, damaged or not a Sealbox backup
     */
    public static Summary restore(Path archive, Path dataDir) throws BackupException, IOException {
        if (!Files.isRegularFile(archive)) {
            throw new BackupException("no archive at " + archive);
        }
        boolean created = prepareTarget(dataDir);
        List<Path> written = new ArrayList<>();
        boolean complete = false;
        try (ZipFile zip = open(archive)) {
            BackupManifest manifest = readManifest(zip);
            for (BackupManifest.Entry entry : manifest.files()) {
                extract(zip, entry, dataDir, written);
            }
            Summary summary = checkDatabase(dataDir, manifest);
            complete = true;
            return summary;
        } finally {
            if (!complete) {
                removeWritten(written, dataDir, created);
            }
        }
    }

    /** Creates {@code dataDir} (mode 0700) or checks that it is empty; returns whether it was created. */
    private static boolean prepareTarget(Path dataDir) throws BackupException, IOException {
        if (Files.exists(dataDir)) {
            if (!Files.isDirectory(dataDir)) {
                throw new BackupException.TargetNotEmptyException(dataDir + " is a file, not a directory");
            }
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new BackupException.TargetNotEmptyException(dataDir + " is not empty; restore writes only"
                            + " into an empty or new directory, so that no data is overwritten. Move the old data"
                            + " directory aside or choose another one");
                }
            }
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString(DIRECTORY_MODE));
            return false;
        }
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString(DIRECTORY_MODE));
        return true;
    }

    private static ZipFile open(Path archive) throws BackupException, IOException {
        try {
            return new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw new BackupException(archive + " is not a readable ZIP archive (" + e.getMessage()
                    + "): it is damaged or not a Sealbox backup", e);
        }
    }

    /** Reads the manifest and checks that the archive contains exactly the entries it lists. */
    private static BackupManifest readManifest(ZipFile zip) throws BackupException, IOException {
        ZipEntry manifestEntry = zip.getEntry(BackupManifest.ENTRY_NAME);
        if (manifestEntry == null) {
            throw new BackupException("the archive has no " + BackupManifest.ENTRY_NAME + ": not a Sealbox backup");
        }
        BackupManifest manifest;
        try (InputStream in = zip.getInputStream(manifestEntry)) {
            manifest = BackupManifest.fromJson(in.readAllBytes());
        } catch (ZipException e) {
            throw new BackupException("the manifest cannot be read (" + e.getMessage() + "): the archive is damaged", e);
        }
        Map<String, BackupManifest.Entry> listed = manifest.files().stream()
                .collect(Collectors.toMap(BackupManifest.Entry::path, Function.identity()));
        int entries = 0;
        for (ZipEntry entry : Collections.list(zip.entries())) {
            entries++;
            if (!entry.getName().equals(BackupManifest.ENTRY_NAME) && !listed.containsKey(entry.getName())) {
                throw new BackupException("the archive contains '" + entry.getName()
                        + "', which its manifest does not list: the archive is damaged or was changed");
            }
        }
        if (entries != listed.size() + 1) {
            throw new BackupException("the archive has " + (entries - 1) + " files but its manifest lists "
                    + listed.size() + ": the archive is damaged or was changed");
        }
        return manifest;
    }

    /** Writes one entry to its place (mode 0600), checking size and SHA-256 against the manifest. */
    private static void extract(ZipFile zip, BackupManifest.Entry entry, Path dataDir, List<Path> written)
            throws BackupException, IOException {
        Path target = dataDir.resolve(entry.path()).normalize();
        if (!target.startsWith(dataDir.normalize())) {
            throw new BackupException("the manifest path '" + entry.path() + "' leaves the data directory");
        }
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectory(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(DIRECTORY_MODE)));
            written.add(parent);
        }
        BackupWriter.createOwnerOnly(target);
        written.add(target);

        MessageDigest sha256 = BackupWriter.sha256();
        long size = 0;
        try (InputStream in = new DigestInputStream(zip.getInputStream(zip.getEntry(entry.path())), sha256);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                // Stops a crafted entry from filling the disk before the size check below.
                if (size > entry.size()) {
                    throw new BackupException(entry.path() + " is larger than its manifest says: the archive is damaged");
                }
                out.write(buffer, 0, n);
            }
        } catch (ZipException | EOFException e) {
            throw new BackupException(entry.path() + " cannot be read (" + e.getMessage() + "): the archive is damaged", e);
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (size != entry.size() || !actual.equals(entry.sha256())) {
            throw new BackupException("the SHA-256 of " + entry.path() + " does not match the manifest: the archive"
                    + " is damaged or was changed");
        }
    }

    /** Runs SQLite's integrity check and checks that every attachment the database lists was restored. */
    private static Summary checkDatabase(Path dataDir, BackupManifest manifest) throws BackupException, IOException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = readOnly.createConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME).toAbsolutePath());
             Statement statement = connection.createStatement()) {
            try (ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
                String result = check.next() ? check.getString(1) : "no result";
                if (!"ok".equals(result)) {
                    throw new BackupException("the restored database fails SQLite's integrity check: " + result);
                }
            }
            long cases;
            try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM report_case")) {
                count.next();
                cases = count.getLong(1);
            }
            long attachments = 0;
            try (ResultSet ids = statement.executeQuery("SELECT id FROM attachment")) {
                while (ids.next()) {
                    attachments++;
                    if (!Files.isRegularFile(dataDir.resolve("attachments").resolve(ids.getString(1)))) {
                        throw new BackupException("the database lists an attachment that the archive lacks:"
                                + " the backup is incomplete");
                    }
                }
            }
            int keyFiles = (int) manifest.files().stream().filter(entry -> entry.path().endsWith(".key")).count();
            return new Summary(manifest, cases, attachments, keyFiles);
        } catch (SQLException e) {
            throw new BackupException("the restored database cannot be read (" + e.getMessage()
                    + "): the archive is damaged or not a Sealbox backup", e);
        }
    }

    /** Deletes what a failed restore wrote, newest first, and the directory if restore created it. */
    private static void removeWritten(List<Path> written, Path dataDir, boolean created) throws IOException {
        // SQLite may have created these beside the database during the integrity check.
        for (String suffix : List.of("-wal", "-shm", "-journal")) {
            Files.deleteIfExists(dataDir.resolve(Database.FILE_NAME + suffix));
        }
        for (int i = written.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(written.get(i));
        }
        if (created) {
            Files.deleteIfExists(dataDir);
        }
    }
}
