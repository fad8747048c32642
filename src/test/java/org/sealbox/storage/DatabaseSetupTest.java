package org.sealbox.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQLite database is opened in WAL mode with foreign keys on, and migrated by Flyway. */
class DatabaseSetupTest {

    @TempDir
    Path dataDir;

    @Test
    void journalModeIsWal() {
        try (Database database = Database.open(dataDir); Handle h = database.openHandle()) {
            String mode = h.createQuery("PRAGMA journal_mode").mapTo(String.class).one();

            assertEquals("wal", mode);
            assertTrue(Files.exists(dataDir.resolve(Database.FILE_NAME + "-wal")), "no WAL file beside the database");
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (Database database = Database.open(dataDir); Handle h = database.openHandle()) {
            int enabled = h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one();

            assertEquals(1, enabled);
        }
    }

    @Test
    void flywayHistoryRecordsMigrations() {
        try (Database database = Database.open(dataDir)) {
            List<String> versions = successfulVersions(database);

            assertTrue(versions.contains("1"), "versions: " + versions);
        }
    }

    @Test
    void reopeningDoesNotMigrateAgain() {
        int rowsBefore;
        try (Database database = Database.open(dataDir)) {
            rowsBefore = historyRows(database);
        }

        try (Database database = Database.open(dataDir)) {
            assertEquals(rowsBefore, historyRows(database));
        }
    }

    private static int historyRows(Database database) {
        return database.read(h -> h.createQuery("SELECT COUNT(*) FROM flyway_schema_history").mapTo(Integer.class).one());
    }

    private static List<String> successfulVersions(Database database) {
        return database.read(h -> h.createQuery("""
                        SELECT version FROM flyway_schema_history
                        WHERE success = 1 AND version IS NOT NULL
                        ORDER BY installed_rank""")
                .mapTo(String.class)
                .list());
    }
}
