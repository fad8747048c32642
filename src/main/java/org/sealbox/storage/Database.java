package org.sealbox.storage;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite database in the data directory, migrated with Flyway at open.
 *
 * <p>Thread-safe. SQLite allows one writer at a time; rather than letting threads spin in
 * SQLite's busy handler (which sleeps in native code and pins a carrier thread), writes are
 * serialised by a Java lock and run as IMMEDIATE transactions. Reads run without the lock
 * because WAL mode lets them see the last committed state while a write is in progress.
 */
public final class Database implements AutoCloseable {

    public static final String FILE_NAME = "sealbox.db";

    private final Jdbi jdbi;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Path file;
    /**
     * Held open for the database's lifetime. Without it the WAL would be checkpointed and deleted
     * each time the last request's connection closes, and every request would reopen the file.
     */
    private final Handle keeper;

    private Database(Path file, Jdbi jdbi) {
        this.file = file;
        this.jdbi = jdbi;
        this.keeper = jdbi.open();
    }

    /** Opens (creating if needed) and migrates the database in {@code dataDir}. */
    public static Database open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Deleted rows are overwritten with zeros, so purged ciphertexts do not linger in free pages.
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);

        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new Database(file, Jdbi.create(dataSource));
    }

    /** Runs {@code callback} in a write transaction, one writer at a time. */
    public <T, X extends Exception> T write(HandleCallback<T, X> callback) throws X {
        writeLock.lock();
        try {
            return jdbi.inTransaction(callback);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code callback} on a handle for reading; it must not write. */
    public <T, X extends Exception> T read(HandleCallback<T, X> callback) throws X {
        return jdbi.withHandle(callback);
    }

    /** The main database file; the WAL and shared-memory files sit beside it. */
    public Path file() {
        return file;
    }

    /** Closes the long-lived connection; SQLite then checkpoints the WAL into the main file. */
    @Override
    public void close() {
        keeper.close();
    }

    /** Returns a new handle for callers that manage it themselves, e.g. tests. */
    public Handle openHandle() {
        return jdbi.open();
    }
}
