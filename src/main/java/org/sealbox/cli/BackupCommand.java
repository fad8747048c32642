package org.sealbox.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.helidon.config.Config;

import org.sealbox.backup.BackupException;
import org.sealbox.backup.BackupWriter;
import org.sealbox.config.SealboxConfig;

/**
 * {@code backup FILE}: writes the database, the encrypted attachments and any key files of the
 * configured data directory into one ZIP archive with mode 0600. Works while the server runs; see
 * {@link BackupWriter} for how the copy stays consistent.
 */
public final class BackupCommand {

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    public BackupCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Runs the command; returns the process exit code: 0 written, 1 failed, 2 usage error. */
    public int run(Config root, List<String> args) {
        if (args.size() != 1 || args.getFirst().startsWith("-")) {
            err.println("Usage: sealbox backup FILE   (FILE must not exist yet)");
            return 2;
        }
        SealboxConfig config = SealboxConfig.from(root.get("sealbox"));
        Path archive = Path.of(args.getFirst());
        try {
            BackupWriter.Summary summary = BackupWriter.write(config.dataDir(), archive, clock);
            out.println("Backup written to " + archive + " (" + summary.bytes() + " bytes): the database, "
                    + summary.attachments() + " attachment files and " + summary.keyFiles() + " key files.");
            out.println("Store it off this server. It holds only ciphertext and password-wrapped keys, but"
                    + " anyone with an officer's password can open it.");
            return 0;
        } catch (BackupException e) {
            err.println("Backup failed: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("Backup failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }
}
