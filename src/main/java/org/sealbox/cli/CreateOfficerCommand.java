package org.sealbox.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.helidon.config.Config;

import org.sealbox.config.SealboxConfig;
import org.sealbox.crypto.KdfParams;
import org.sealbox.crypto.PasswordKdf;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.officer.OfficerService;
import org.sealbox.officer.Role;
import org.sealbox.storage.Database;
import org.sealbox.totp.Totp;
import org.sealbox.web.Messages;

/**
 * {@code create-officer USERNAME [--role administrator|officer]}: creates an officer account in
 * the configured data directory. The password is asked twice on a terminal; without one
 * (scripts), the first line of standard input is the password. The account gets a new TOTP
 * secret, printed once as text and as an otpauth URI for the officer's authenticator app. Works
 * while the server runs, because SQLite serialises the write.
 */
public final class CreateOfficerCommand {

    private final PrintStream out;
    private final PrintStream err;

    public CreateOfficerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code. */
    public int run(Config root, List<String> args) throws IOException {
        List<String> rest = new ArrayList<>(args);
        Role role = Role.OFFICER;
        int flag = rest.indexOf("--role");
        if (flag >= 0) {
            if (flag + 1 >= rest.size()) {
                err.println("--role needs a value: administrator or officer");
                return 2;
            }
            try {
                role = Role.fromId(rest.get(flag + 1).toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println("Unknown role '" + rest.get(flag + 1) + "': use administrator or officer");
                return 2;
            }
            rest.subList(flag, flag + 2).clear();
        }
        if (rest.size() != 1) {
            err.println("Usage: sealbox create-officer USERNAME [--role administrator|officer]");
            return 2;
        }

        String password = readPassword();
        if (password == null) {
            return 2;
        }
        SealboxConfig config = SealboxConfig.from(root.get("sealbox"));
        boolean newDatabase = !Files.exists(config.dataDir().resolve(Database.FILE_NAME));
        Files.createDirectories(config.dataDir());
        int exit;
        try (Database database = Database.open(config.dataDir())) {
            exit = create(database, config, rest.getFirst(), password, role);
        }
        if (exit == 0) {
            out.println("Data directory: " + config.dataDir().toAbsolutePath().normalize());
            if (newDatabase) {
                err.println("No database existed there, so a new one was created. If Sealbox runs with another "
                        + "data directory, run this command again with the same --config or SEALBOX_DATA_DIR.");
            }
        }
        return exit;
    }

    private int create(Database database, SealboxConfig config, String username, String password, Role role) {
        OfficerService officers = new OfficerService(database, new PasswordKdf(config.argon2MaxConcurrent()),
                new KdfParams(config.argon2Ops(), config.argon2MemoryBytes()), Clock.systemUTC());
        String account = username.strip().toLowerCase(Locale.ROOT);
        try (SecretBytes totpSecret = Totp.newSecret()) {
            try {
                officers.create(username, password, role, totpSecret);
            } catch (OfficerService.InvalidAccountException e) {
                err.println(Messages.forLocale(Locale.ENGLISH).get(e.messageKey()));
                return 1;
            }
            out.println("Officer account '" + account + "' created (" + role.id() + ").");
            out.println("Every log-in asks for a code from an authenticator app (TOTP). Add the account to the app now,");
            out.println("because this key is shown only this once and is stored only encrypted under the password:");
            out.println("  Key for typing in by hand: " + Totp.secretText(totpSecret));
            out.println("  otpauth URI (for apps that import one): "
                    + Totp.provisioningUri(OfficerService.totpIssuer(config.organisationName()), account, totpSecret));
            out.println("Then log in on the admin listener.");
        }
        return 0;
    }

    private String readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password (at least %d characters): ", OfficerService.MIN_PASSWORD_CHARS);
            char[] second = console.readPassword("Repeat the password: ");
            if (first == null || second == null || !java.util.Arrays.equals(first, second)) {
                err.println("The two passwords are not the same. Nothing was created.");
                return null;
            }
            return new String(first);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            err.println("No password on standard input. Nothing was created.");
            return null;
        }
        return line;
    }
}
