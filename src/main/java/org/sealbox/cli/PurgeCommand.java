package org.sealbox.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.helidon.config.Config;

import org.sealbox.config.SealboxConfig;
import org.sealbox.retention.CasePurge;
import org.sealbox.retention.RetentionPolicy;
import org.sealbox.storage.AttachmentFiles;
import org.sealbox.storage.Database;

/**
 * {@code purge [--dry-run]}: deletes the cases past retention ({@code sealbox.retention}) now,
 * as the server does once a day. Works while the server runs, because SQLite serialises the write.
 */
public final class PurgeCommand {

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    public PurgeCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Runs the command; returns the process exit code: 0 done, 1 no database, 2 usage error. */
    public int run(Config root, List<String> args) throws IOException {
        List<String> rest = new ArrayList<>(args);
        boolean dryRun = rest.remove("--dry-run");
        if (!rest.isEmpty()) {
            err.println("Usage: sealbox purge [--dry-run]");
            return 2;
        }
        SealboxConfig config = SealboxConfig.from(root.get("sealbox"));
        RetentionPolicy policy = RetentionPolicy.from(root.get("sealbox"));
        Path dataDir = config.dataDir();
        if (!Files.isRegularFile(dataDir.resolve(Database.FILE_NAME))) {
            err.println("No database in " + dataDir + ": check the data directory (sealbox.data-dir).");
            return 1;
        }
        try (Database database = Database.open(dataDir)) {
            CasePurge purge = new CasePurge(database, new AttachmentFiles(dataDir), policy, clock);
            if (dryRun) {
                out.println(purge.countExpired() + " cases are past retention. Nothing was deleted (dry run).");
            } else {
                CasePurge.Result result = purge.purge();
                out.println("Deleted " + result.cases() + " cases past retention and " + result.attachments()
                        + " attachment files.");
            }
            return 0;
        }
    }
}
