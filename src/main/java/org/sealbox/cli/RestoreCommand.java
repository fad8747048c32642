package org.sealbox.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import io.helidon.config.Config;

import org.sealbox.backup.BackupException;
import org.sealbox.backup.BackupRestorer;
import org.sealbox.config.SealboxConfig;

/**
 * {@code restore ARCHIVE}: restores a backup into the configured data directory, which must be
 * empty or missing. Run it while Sealbox is stopped, then start Sealbox on that directory.
 */
public final class RestoreCommand {

    /** Exit code when the data directory is not empty. */
    public static final int TARGET_NOT_EMPTY = 3;

    private final PrintStream out;
    private final PrintStream err;

    public RestoreCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command; returns the process exit code: 0 restored, 1 archive unreadable or damaged,
     * 2 usage error, {@value #TARGET_NOT_EMPTY} data directory not empty.
     */
    public int run(Config root, List<String> args) {
        if (args.size() != 1 || args.getFirst().startsWith("-")) {
            err.println("Usage: sealbox restore ARCHIVE   (into the configured data directory, which must be empty)");
            return 2;
        }
        SealboxConfig config = SealboxConfig.from(root.get("sealbox"));
        Path archive = Path.of(args.getFirst());
        try {
            BackupRestorer.Summary summary = BackupRestorer.restore(archive, config.dataDir());
            out.println("Restored " + summary.cases() + " cases, " + summary.attachments() + " attachment files and "
                    + summary.keyFiles() + " key files into " + config.dataDir() + " from the backup of "
                    + summary.manifest().created() + " (Sealbox " + summary.manifest().sealboxVersion() + ").");
            out.println("Start Sealbox on this directory; officers log in with their passwords as before.");
            return 0;
        } catch (BackupException.TargetNotEmptyException e) {
            err.println("Restore refused: " + e.getMessage() + ".");
            return TARGET_NOT_EMPTY;
        } catch (BackupException e) {
            err.println("Restore failed, nothing was restored: " + e.getMessage() + ".");
            return 1;
        } catch (IOException e) {
            err.println("Restore failed, nothing was restored: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }
}
