package org.sealbox.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.Tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped onion-config/torrc: tor accepts it, it contains the defences the deployment
 * relies on, and every option is explained by a comment. Tor is run with --verify-config only,
 * on a copy whose directories are moved into a temporary directory.
 */
class TorrcTest {

    private static final Path TORRC = Path.of("onion-config/torrc");

    @TempDir
    Path dir;

    private static List<String> optionLines() throws IOException {
        return Files.readAllLines(TORRC).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private Path copyInto(Path root) throws IOException {
        Path torrc = root.resolve("torrc");
        Files.writeString(torrc, Files.readString(TORRC).replace("/var/lib/tor", root.resolve("lib").toString()));
        return torrc;
    }

    private Optional<Path> tor() {
        Optional<Path> tor = Tools.find("tor");
        assumeTrue(tor.isPresent(), "tor is not installed (apt-get install tor); .ci/run installs it");
        return tor;
    }

    @Test
    void torAcceptsShippedTorrc() throws Exception {
        Path tor = tor().orElseThrow();

        Tools.Result result = Tools.torVerifyConfig(tor, copyInto(dir));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Configuration was valid"), result.output());
    }

    /** With the directories created as install.sh creates them (0700), tor still accepts the file. */
    @Test
    void torAcceptsPrivateServiceDirectories() throws Exception {
        Path tor = tor().orElseThrow();
        Path torrc = copyInto(dir);
        for (String name : List.of("lib", "lib/sealbox-public", "lib/sealbox-admin",
                "lib/sealbox-admin/authorized_clients")) {
            privateDir(dir.resolve(name));
        }

        Tools.Result result = Tools.torVerifyConfig(tor, torrc);

        assertEquals(0, result.exitCode(), result.output());
    }

    /** Shows that the check has teeth: tor refuses a service directory that others can read. */
    @Test
    void torRejectsReadableServiceDirectory() throws Exception {
        Path tor = tor().orElseThrow();
        Path torrc = copyInto(dir);
        privateDir(dir.resolve("lib"));
        Path publicService = Files.createDirectories(dir.resolve("lib/sealbox-public"));
        Files.setPosixFilePermissions(publicService, PosixFilePermissions.fromString("rwxr-xr-x"));

        Tools.Result result = Tools.torVerifyConfig(tor, torrc);

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("too permissive"), result.output());
    }

    @Test
    void containsRequiredOptions() throws IOException {
        List<String> lines = optionLines();

        for (String expected : List.of(
                "SocksPort 0",
                "SafeLogging 1",
                "ExitRelay 0",
                "HiddenServiceDir /var/lib/tor/sealbox-public/",
                "HiddenServiceDir /var/lib/tor/sealbox-admin/",
                "HiddenServicePort 80 127.0.0.1:8080",
                "HiddenServicePort 80 127.0.0.1:8081",
                "HiddenServicePoWDefensesEnabled 1",
                "HiddenServiceEnableIntroDoSDefense 1")) {
            assertTrue(lines.contains(expected), "missing line: " + expected);
        }
        for (String option : List.of("HiddenServicePoWQueueRate ", "HiddenServicePoWQueueBurst ",
                "HiddenServiceEnableIntroDoSRatePerSec ", "HiddenServiceEnableIntroDoSBurstPerSec ")) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(option)), "missing option: " + option);
        }
        assertEquals(2, lines.stream().filter("HiddenServiceVersion 3"::equals).count(), "one per service");
    }

    /** The proof-of-work lines must belong to the public service, the first HiddenServiceDir. */
    @Test
    void proofOfWorkOnPublicServiceOnly() throws IOException {
        List<String> lines = optionLines();
        int publicDir = lines.indexOf("HiddenServiceDir /var/lib/tor/sealbox-public/");
        int adminDir = lines.indexOf("HiddenServiceDir /var/lib/tor/sealbox-admin/");
        int proofOfWork = lines.indexOf("HiddenServicePoWDefensesEnabled 1");

        assertTrue(publicDir < proofOfWork, "PoW line must follow the public HiddenServiceDir");
        assertTrue(proofOfWork < adminDir, "PoW line must come before the admin HiddenServiceDir");
        assertTrue(lines.indexOf("HiddenServicePort 80 127.0.0.1:8080") < adminDir);
        assertTrue(lines.indexOf("HiddenServicePort 80 127.0.0.1:8081") > adminDir);
    }

    /** Every option line, or group of adjacent option lines, has a comment directly above it. */
    @Test
    void everyOptionHasComment() throws IOException {
        List<String> all = Files.readAllLines(TORRC);
        List<String> unexplained = new ArrayList<>();
        String previous = "";
        for (String raw : all) {
            String line = raw.strip();
            boolean option = !line.isEmpty() && !line.startsWith("#");
            boolean previousOption = !previous.isEmpty() && !previous.startsWith("#");
            if (option && !previous.startsWith("#") && !previousOption) {
                unexplained.add(line);
            }
            previous = line;
        }

        assertEquals(List.of(), unexplained);
    }

    private static void privateDir(Path path) throws IOException {
        Files.createDirectories(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    }
}
