package org.sealbox.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.Tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/install.sh run with --root into a temporary directory. It lays out the files with
 * the intended modes and only prints the commands that would change the system (useradd,
 * chown, tor, systemctl). A second run changes nothing, and changed settings stay unless
 * --force is given. A fake build directory stands in for the jar, so no Maven build runs
 * inside the test.
 */
class InstallScriptTest {

    private static final Path SCRIPT = Path.of("deploy/install.sh");

    @TempDir
    Path dir;

    private Path root;
    private Path build;
    private String java;

    @BeforeEach
    void fakeBuild() throws IOException {
        root = dir.resolve("root");
        build = Files.createDirectories(dir.resolve("build"));
        Files.writeString(build.resolve("sealbox.jar"), "not a real jar");
        Files.createDirectories(build.resolve("libs"));
        Files.writeString(build.resolve("libs/helidon-fake-1.0.jar"), "library");
        // The JVM running this test is Java 21 or newer, as the build requires.
        java = ProcessHandle.current().info().command().orElseThrow();
    }

    private Tools.Result install(String... extra) throws Exception {
        List<String> command = Stream.concat(
                Stream.of("bash", SCRIPT.toString(), "--root", root.toString(), "--build-dir", build.toString(),
                        "--java", java),
                Stream.of(extra)).toList();
        return Tools.run(command, Path.of("").toAbsolutePath(), Map.of(), 120);
    }

    @Test
    void installsFilesWithModes() throws Exception {
        Tools.Result result = install();

        assertEquals(0, result.exitCode(), result.output());
        assertMode("rwx------", "var/lib/sealbox");
        assertMode("rwx------", "var/lib/sealbox/native");
        assertMode("rwxr-x---", "etc/sealbox");
        assertMode("rw-r-----", "etc/sealbox/sealbox.yaml");
        assertMode("rw-r--r--", "etc/systemd/system/sealbox.service");
        assertMode("rw-r--r--", "etc/tor/torrc");
        assertMode("rwx------", "var/lib/tor/sealbox-public");
        assertMode("rwx------", "var/lib/tor/sealbox-admin");
        assertMode("rwx------", "var/lib/tor/sealbox-admin/authorized_clients");
        assertMode("rw-r--r--", "opt/sealbox/sealbox.jar");
        assertMode("rw-r--r--", "opt/sealbox/libs/helidon-fake-1.0.jar");
        assertMode("rwxr-xr-x", "opt/sealbox/bin/sealbox");
        assertEquals(Files.readString(Path.of("deploy/sealbox.yaml")),
                Files.readString(root.resolve("etc/sealbox/sealbox.yaml")));
        assertEquals(Files.readString(Path.of("onion-config/torrc")), Files.readString(root.resolve("etc/tor/torrc")));
    }

    @Test
    void unitRunsChosenJava() throws Exception {
        assertEquals(0, install().exitCode());

        String unit = Files.readString(root.resolve("etc/systemd/system/sealbox.service"));

        assertTrue(unit.contains("\nExecStart=" + java + " --enable-native-access=ALL-UNNAMED"), unit);
        assertTrue(Files.readString(root.resolve("opt/sealbox/bin/sealbox")).contains("exec " + java + " "));
    }

    @Test
    void printsSystemCommandsInsteadOfRunning() throws Exception {
        Tools.Result result = install();

        assertTrue(result.output().contains("would run: useradd --system"), result.output());
        assertTrue(result.output().contains("would run: chown sealbox:sealbox /var/lib/sealbox"), result.output());
        assertTrue(result.output().contains("would run: chown debian-tor:debian-tor /var/lib/tor/sealbox-admin"),
                result.output());
        assertTrue(result.output().contains("would run: tor --defaults-torrc"), result.output());
        assertTrue(result.output().contains("would run: systemctl daemon-reload"), result.output());
    }

    @Test
    void secondRunChangesNothing() throws Exception {
        assertEquals(0, install().exitCode());
        Map<String, String> first = snapshot();

        Tools.Result second = install();

        assertEquals(0, second.exitCode(), second.output());
        assertEquals(first, snapshot());
        assertTrue(second.output().contains("sealbox.yaml is up to date"), second.output());
        assertTrue(second.output().contains("sealbox.service is up to date"), second.output());
        assertTrue(second.output().contains("torrc is up to date"), second.output());
        assertFalse(second.output().contains(".bak"), second.output());
    }

    @Test
    void replacedLibrariesAreRemoved() throws Exception {
        assertEquals(0, install().exitCode());
        Files.delete(build.resolve("libs/helidon-fake-1.0.jar"));
        Files.writeString(build.resolve("libs/helidon-fake-2.0.jar"), "library");

        assertEquals(0, install().exitCode());

        assertFalse(Files.exists(root.resolve("opt/sealbox/libs/helidon-fake-1.0.jar")));
        assertTrue(Files.exists(root.resolve("opt/sealbox/libs/helidon-fake-2.0.jar")));
    }

    @Test
    void keepsChangedSettingsWithoutForce() throws Exception {
        assertEquals(0, install().exitCode());
        Path settings = root.resolve("etc/sealbox/sealbox.yaml");
        Path torrc = root.resolve("etc/tor/torrc");
        Files.writeString(settings, "sealbox:\n  organisation:\n    name: \"Changed\"\n");
        Files.writeString(torrc, "# changed by hand\n");

        Tools.Result result = install();

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("sealbox:\n  organisation:\n    name: \"Changed\"\n", Files.readString(settings));
        assertEquals("# changed by hand\n", Files.readString(torrc));
        assertTrue(result.output().contains("kept " + settings), result.output());
        assertTrue(result.output().contains("kept " + torrc), result.output());
    }

    @Test
    void forceReplacesSettingsAndKeepsBackup() throws Exception {
        assertEquals(0, install().exitCode());
        Path settings = root.resolve("etc/sealbox/sealbox.yaml");
        Files.writeString(settings, "changed: true\n");

        Tools.Result result = install("--force");

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(Files.readString(Path.of("deploy/sealbox.yaml")), Files.readString(settings));
        try (Stream<Path> files = Files.list(settings.getParent())) {
            List<Path> backups = files.filter(p -> p.getFileName().toString().endsWith(".bak")).toList();
            assertEquals(1, backups.size(), backups.toString());
            assertEquals("changed: true\n", Files.readString(backups.getFirst()));
        }
    }

    @Test
    void missingBuildIsAnError() throws Exception {
        Files.delete(build.resolve("sealbox.jar"));

        Tools.Result result = install();

        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("sealbox.jar is missing"), result.output());
    }

    @Test
    void unknownOptionIsAnError() throws Exception {
        Tools.Result result = install("--frobnicate");

        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("unknown option '--frobnicate'"), result.output());
    }

    private void assertMode(String expected, String relative) throws IOException {
        Path path = root.resolve(relative);
        assertTrue(Files.exists(path), relative + " is missing");
        assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(path)), relative);
    }

    /** Lists every path below the root with its permissions and, for files, a SHA-256 of the content. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                String content = Files.isRegularFile(path) ? " " + sha256(Files.readAllBytes(path)) : "";
                entries.put(root.relativize(path).toString(), mode + content);
            }
        }
        return entries;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
