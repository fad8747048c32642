package org.sealbox.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.sealbox.crypto.SecretBytes;

/**
 * The server's secret key file {@code sealbox.key} in the data directory: 32 random bytes used as
 * the pepper of postbox lookups. Created on first start with mode 0600; backed up with the
 * database, because without it no postbox can be found again.
 */
public final class KeyFile {

    public static final String FILE_NAME = "sealbox.key";
    static final int PEPPER_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFile() {
    }

    /**
     * Reads the pepper, creating the file with fresh random bytes when it does not exist.
     *
     * @throws UncheckedIOException when the file cannot be read or created, or has the wrong size
     */
    public static SecretBytes loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] pepper = Files.readAllBytes(file);
            if (pepper.length != PEPPER_BYTES) {
                throw new IOException(file + " has " + pepper.length + " bytes, expected " + PEPPER_BYTES
                        + "; restore it from a backup");
            }
            return SecretBytes.wrap(pepper);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the key file: " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        try (SecretBytes pepper = SecretBytes.random(PEPPER_BYTES)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // Another process created it first; use theirs.
                return;
            }
            Files.write(file, pepper.bytes(), StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        }
    }
}
