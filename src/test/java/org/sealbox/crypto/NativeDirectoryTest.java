package org.sealbox.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where native libraries are extracted: {@code jna.tmpdir} defaults to {@code <data dir>/native}
 * (mode 0700), a value set by the operator is kept, and the bundled libsodium loads from that
 * directory without using {@code java.io.tmpdir}. Start-up errors about loading are one line.
 */
class NativeDirectoryTest {

    @TempDir
    Path dataDir;

    private String savedProperty;

    @BeforeEach
    void saveProperty() {
        savedProperty = System.getProperty(Sodium.JNA_TMPDIR);
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty(Sodium.JNA_TMPDIR);
        } else {
            System.setProperty(Sodium.JNA_TMPDIR, savedProperty);
        }
    }

    @Test
    void unsetPropertyPointsIntoDataDirectory() throws Exception {
        System.clearProperty(Sodium.JNA_TMPDIR);

        Path directory = Sodium.useNativeDirectory(dataDir);

        assertEquals(dataDir.resolve("native").toAbsolutePath(), directory);
        assertEquals(directory.toString(), System.getProperty(Sodium.JNA_TMPDIR));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
    }

    @Test
    void setPropertyIsKept() throws Exception {
        Path chosen = dataDir.resolve("chosen-by-operator");
        System.setProperty(Sodium.JNA_TMPDIR, chosen.toString());

        Path directory = Sodium.useNativeDirectory(dataDir);

        assertEquals(chosen, directory);
        assertEquals(chosen.toString(), System.getProperty(Sodium.JNA_TMPDIR));
        assertTrue(Files.isDirectory(chosen), "the configured directory is created");
        assertFalse(Files.exists(dataDir.resolve("native")), "no second directory");
    }

    @Test
    void bundledLibraryLoadsWithoutJavaTmpdir() throws Exception {
        Path nativeDir = Files.createDirectory(dataDir.resolve("native"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + dataDir.resolve("does-not-exist"),
                "-D" + Sodium.JNA_TMPDIR + "=" + nativeDir,
                "-cp", System.getProperty("java.class.path"),
                BundledLibraryMain.class.getName(), nativeDir.toString()))
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "child JVM finished");

        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("mapped " + nativeDir.resolve("libsodium-")), output);
        assertTrue(output.contains("random bytes: 32"), output);
        try (var left = Files.list(nativeDir)) {
            assertTrue(left.noneMatch(file -> file.getFileName().toString().startsWith("libsodium-")),
                    "the extracted copy is deleted once loaded");
        }
    }

    @Test
    void loadErrorsAreOneLine() {
        IllegalStateException libsodium = Sodium.loadFailedException(
                new UnsatisfiedLinkError("Unable to load library 'sodium':\nlibsodium.so: cannot open shared object file\n"));
        assertEquals(1, libsodium.getMessage().lines().count(), libsodium.getMessage());
        assertTrue(libsodium.getMessage().contains("cannot open shared object file"), libsodium.getMessage());

        System.setProperty(Sodium.JNA_TMPDIR, "/var/lib/sealbox/native");
        IllegalStateException jna = Sodium.loadFailedException(new Sodium.JnaLoadException(
                new UnsatisfiedLinkError("/var/lib/sealbox/native/jna1.tmp: failed to map segment from shared object")));
        assertEquals(1, jna.getMessage().lines().count(), jna.getMessage());
        assertTrue(jna.getMessage().startsWith("JNA's native library could not be loaded from jna.tmpdir=/var/lib/sealbox/native"),
                jna.getMessage());
        assertTrue(jna.getMessage().contains("failed to map segment"), jna.getMessage());
    }

    @Test
    void uncreatableDirectoryNamesIt() throws IOException {
        Path file = Files.writeString(dataDir.resolve("a-file"), "x");
        System.setProperty(Sodium.JNA_TMPDIR, file.resolve("native").toString());

        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Sodium.useNativeDirectory(dataDir));
        assertTrue(e.getMessage().startsWith("Cannot create the directory for native libraries " + file.resolve("native")),
                e.getMessage());
    }
}
