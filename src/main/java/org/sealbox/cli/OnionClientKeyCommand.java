package org.sealbox.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.sealbox.crypto.BoxKeyPair;
import org.sealbox.onion.Base32;
import org.sealbox.onion.OnionAddress;

/**
 * {@code onion-client-key NAME [--onion ADDRESS | --hostname-file PATH]}: generates an X25519 key
 * pair for tor's client authorisation of the admin onion service and prints the lines of the two
 * files tor needs, in the format of Tor's rend-spec-v3 (appendix "Client authorization") and
 * tor(1):
 *
 * <ul>
 *   <li>the server side {@code authorized_clients/NAME.auth}: {@code descriptor:x25519:<public key>},</li>
 *   <li>the officer's {@code <address>.auth_private}:
 *       {@code <56-character address>:descriptor:x25519:<private key>}.</li>
 * </ul>
 *
 * <p>Keys are unpadded upper-case Base32 of the raw 32 bytes (52 characters). The private key is
 * libsodium's {@code crypto_box_keypair} scalar as generated; tor clamps X25519 scalars when it
 * uses them, exactly as libsodium does, so the unclamped bytes give the same public key. Nothing
 * is written to disk: the private key exists only in this output.
 */
public final class OnionClientKeyCommand {

    static final String USAGE = "Usage: sealbox onion-client-key NAME [--onion ADDRESS | --hostname-file PATH]";
    static final String ADDRESS_PLACEHOLDER = "<ADMIN-ONION-ADDRESS>";
    static final String ADMIN_SERVICE_DIR = "/var/lib/tor/sealbox-admin";

    /**
     * Client names become file names ({@code NAME.auth}) and appear in shell commands, so they
     * are kept to characters that need no quoting. Tor itself only requires the {@code .auth}
     * suffix.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final PrintStream out;
    private final PrintStream err;

    public OnionClientKeyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The lines to hand out for one key pair. */
    record ClientKeyLines(String authLine, String authPrivateLine, String privateKey) {
    }

    /** Runs the command; returns the process exit code (0 done, 2 invalid arguments). */
    public int run(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        Optional<String> onion;
        Optional<String> hostnameFile;
        try {
            onion = takeOption(rest, "--onion");
            hostnameFile = takeOption(rest, "--hostname-file");
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (rest.size() != 1 || rest.getFirst().startsWith("-")) {
            err.println(USAGE);
            return 2;
        }
        String name = rest.getFirst();
        if (!NAME.matcher(name).matches()) {
            err.println("Invalid client name '" + name + "': use 1 to 64 letters, digits, '-' or '_'"
                    + " (the name becomes the file name NAME.auth).");
            return 2;
        }
        if (onion.isPresent() && hostnameFile.isPresent()) {
            err.println("Give either --onion or --hostname-file, not both.");
            return 2;
        }

        Optional<OnionAddress> address;
        try {
            address = readAddress(onion, hostnameFile);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }

        try (BoxKeyPair pair = BoxKeyPair.generate()) {
            ClientKeyLines lines = lines(address, pair.publicKey(), pair.privateKey().bytes());
            printInstructions(name, address, lines);
        }
        return 0;
    }

    /** Formats the server and client lines for a key pair; {@code address} empty gives a placeholder. */
    static ClientKeyLines lines(Optional<OnionAddress> address, byte[] publicKey, byte[] privateKey) {
        String privateBase32 = Base32.encode(privateKey);
        String label = address.map(OnionAddress::label).orElse(ADDRESS_PLACEHOLDER);
        return new ClientKeyLines(
                "descriptor:x25519:" + Base32.encode(publicKey),
                label + ":descriptor:x25519:" + privateBase32,
                privateBase32);
    }

    private static Optional<OnionAddress> readAddress(Optional<String> onion, Optional<String> hostnameFile) {
        if (onion.isPresent()) {
            return Optional.of(OnionAddress.parse(onion.get()));
        }
        if (hostnameFile.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(hostnameFile.get());
        String content;
        try {
            content = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the hostname file " + path + " (" + e.getClass().getSimpleName()
                    + "). It belongs to the tor user: run as root, or pass the address with --onion.");
        }
        try {
            return Optional.of(OnionAddress.parse(content));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The hostname file " + path + " contains no valid onion address: " + e.getMessage());
        }
    }

    private void printInstructions(String name, Optional<OnionAddress> address, ClientKeyLines lines) {
        String authFile = ADMIN_SERVICE_DIR + "/authorized_clients/" + name + ".auth";
        out.println("Client authorisation key for '" + name + "' (admin onion service).");
        out.println();
        out.println("1. On the Sealbox server, save the next line as " + authFile);
        out.println("   (authorized_clients/" + name + ".auth in the admin service's HiddenServiceDir),");
        out.println("   owned by debian-tor with mode 0600, then restart tor:");
        out.println();
        out.println(lines.authLine());
        out.println();

        out.println("2. Give the officer the next line over a secure channel and keep no copy: it is");
        out.println("   their private key, and whoever holds it can reach the admin onion service.");
        out.println();
        out.println(lines.authPrivateLine());
        out.println();
        if (address.isEmpty()) {
            out.println("   Replace " + ADDRESS_PLACEHOLDER + " with the 56 characters before .onion in");
            out.println("   " + ADMIN_SERVICE_DIR + "/hostname before handing the line over. (Running this");
            out.println("   command again with --onion or --hostname-file makes a new key pair.)");
            out.println();
        }

        String site = address.map(a -> "http://" + a.host() + "/").orElse("the admin onion address");
        String privateFile = address.map(OnionAddress::label).orElse(ADDRESS_PLACEHOLDER) + ".auth_private";
        out.println("   Tor Browser: open " + site);
        out.println("   and, when the address bar asks for a key, paste only the private key:");
        out.println();
        out.println(lines.privateKey());
        out.println();
        out.println("   Tor without the browser: save the whole line in the directory that");
        out.println("   ClientOnionAuthDir names in the officer's torrc, as");
        out.println("   " + privateFile);
    }

    /** Removes {@code option VALUE} from {@code args} and returns VALUE, if the option is there. */
    private static Optional<String> takeOption(List<String> args, String option) {
        int index = args.indexOf(option);
        if (index < 0) {
            return Optional.empty();
        }
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        String value = args.get(index + 1);
        args.subList(index, index + 2).clear();
        if (args.contains(option)) {
            throw new IllegalArgumentException(option + " is given twice");
        }
        return Optional.of(value);
    }
}
