package org.sealbox.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.Tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** deploy/sealbox.service: the hardening it promises is there, and systemd-analyze accepts it. */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("deploy/sealbox.service");

    @TempDir
    Path dir;

    /** Reads the [Service] section as key to values, joining lines continued with a backslash. */
    private static Map<String, List<String>> serviceSection() throws IOException {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        String section = "";
        StringBuilder pending = new StringBuilder();
        for (String raw : Files.readAllLines(UNIT)) {
            String line = raw.strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String full = pending.append(line).toString();
            pending.setLength(0);
            if (full.startsWith("[")) {
                section = full;
            } else if (section.equals("[Service]")) {
                int equals = full.indexOf('=');
                entries.computeIfAbsent(full.substring(0, equals), key -> new ArrayList<>())
                        .add(full.substring(equals + 1).replaceAll("\\s+", " ").strip());
            }
        }
        return entries;
    }

    @Test
    void hasHardeningSettings() throws IOException {
        Map<String, List<String>> service = serviceSection();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("User", "sealbox");
        expected.put("ProtectSystem", "strict");
        expected.put("ReadWritePaths", "/var/lib/sealbox");
        expected.put("PrivateTmp", "yes");
        expected.put("NoNewPrivileges", "yes");
        expected.put("ProtectHome", "yes");
        expected.put("ProtectKernelTunables", "yes");
        expected.put("ProtectKernelModules", "yes");
        expected.put("ProtectKernelLogs", "yes");
        expected.put("ProtectControlGroups", "yes");
        expected.put("CapabilityBoundingSet", "");
        expected.put("RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6");
        expected.put("IPAddressDeny", "any");
        expected.put("IPAddressAllow", "localhost");
        expected.put("LockPersonality", "yes");
        expected.put("RestrictNamespaces", "yes");
        expected.put("Environment", "SEALBOX_DATA_DIR=/var/lib/sealbox");
        expected.forEach((key, value) -> assertEquals(List.of(value), service.get(key), key));
        assertTrue(service.get("SystemCallFilter").contains("@system-service"), service.get("SystemCallFilter").toString());
        assertTrue(service.containsKey("MemoryMax"), "MemoryMax");
        assertFalse(service.containsKey("MemoryDenyWriteExecute"), "the JIT needs writable executable memory");
    }

    @Test
    void execStartRunsJarWithSettings() throws IOException {
        String execStart = serviceSection().get("ExecStart").getFirst();

        assertTrue(execStart.startsWith("/usr/bin/java "), execStart);
        for (String part : List.of("--enable-native-access=ALL-UNNAMED", "-Xmx", "-Djna.tmpdir=/var/lib/sealbox/native",
                "-jar /opt/sealbox/sealbox.jar", "--config /etc/sealbox/sealbox.yaml")) {
            assertTrue(execStart.contains(part), "ExecStart lacks " + part + ": " + execStart);
        }
    }

    /**
     * systemd-analyze verify checks the syntax and that the ExecStart binary exists. The copy
     * runs the JVM of this test, just as install.sh writes the java it found into the unit. The
     * user and the jar need not exist for the check.
     */
    @Test
    void systemdAnalyzeAcceptsUnit() throws Exception {
        Optional<Path> analyze = Tools.find("systemd-analyze");
        assumeTrue(analyze.isPresent(), "systemd-analyze is not installed (Debian package systemd)");
        Path copy = unitWithThisJava();

        Tools.Result result = Tools.run(List.of(analyze.get().toString(), "verify", copy.toString()), dir, Map.of(), 60);

        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains("sealbox.service:"), "warnings about the unit:\n" + result.output());
    }

    /**
     * systemd-analyze security rates the sandbox from 0 (tight) to 10 (none). The unit scores
     * 1.2 with systemd 252; 2.0 leaves room for newer systemd versions that check more.
     */
    @Test
    void securityExposureIsLow() throws Exception {
        Optional<Path> analyze = Tools.find("systemd-analyze");
        assumeTrue(analyze.isPresent(), "systemd-analyze is not installed (Debian package systemd)");
        Path copy = unitWithThisJava();

        Tools.Result result = Tools.run(List.of(analyze.get().toString(), "security", "--offline=yes",
                "--threshold=20", "--no-pager", copy.toString()), dir, Map.of(), 60);

        assumeTrue(!result.output().contains("unrecognized option"), "this systemd-analyze has no --offline");
        assertEquals(0, result.exitCode(), result.output());
    }

    private Path unitWithThisJava() throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path copy = dir.resolve("sealbox.service");
        Files.writeString(copy, Files.readString(UNIT).replace("ExecStart=/usr/bin/java ", "ExecStart=" + java + " "));
        return copy;
    }
}
