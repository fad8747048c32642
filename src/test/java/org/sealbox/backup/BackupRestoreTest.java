package org.sealbox.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.cli.BackupCommand;
import org.sealbox.cli.RestoreCommand;
import org.sealbox.storage.KeyFile;
import org.sealbox.testing.Officer;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup taken while a second thread keeps sending reports through the public pages, restored
 * into an empty directory: a server started there lets the same officer open every case and
 * download every attachment byte for byte. Restore rejects a non-empty directory and damaged or
 * altered archives, and leaves the target empty when it does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreTest {

    private static final int MAX_BACKUPS = 50;

    @TempDir
    static Path work;

    private Path archive;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Sent> sentBeforeBackup = new ArrayList<>();
    private int sentDuringBackup;
    private int backupsRun;

    /** A report and what the officer must see after the restore. */
    record Sent(String reference, String details, String fileName, byte[] file) {
    }

    @BeforeAll
    void backUpWhileReportsArrive() throws Exception {
        Path dataDir = work.resolve("live");
        Path uploads = Files.createDirectories(work.resolve("uploads"));
        Path backups = Files.createDirectories(work.resolve("backups"));

        try (TestServer server = TestServer.startWithOfficer(dataDir);
             WebClient browser = TestServer.browser()) {
            for (int i = 0; i < 3; i++) {
                send(server, browser, uploads, "before-" + i, 512 * 1024);
            }

            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread writer = Thread.ofPlatform().name("report-writer").start(() -> {
                try (WebClient writerBrowser = TestServer.browser()) {
                    for (int i = 0; !stop.get(); i++) {
                        send(server, writerBrowser, uploads, "during-" + i, 64 * 1024);
                    }
                } catch (Throwable e) {
                    writerFailure.set(e);
                }
            });
            waitForReports(6);

            // A backup takes a fraction of a report's round trip, so backups are repeated until a report
            // finished while one ran. The archive of that backup is the one restored below.
            for (int attempt = 0; attempt < MAX_BACKUPS && sentDuringBackup == 0; attempt++) {
                archive = backups.resolve("sealbox-backup-" + attempt + ".zip");
                sentBeforeBackup.clear();
                sentBeforeBackup.addAll(sent);
                int exit = new BackupCommand(new PrintStream(new ByteArrayOutputStream()), System.err, Clock.systemUTC())
                        .run(config(dataDir), List.of(archive.toString()));
                assertEquals(0, exit, "backup exit code");
                backupsRun++;
                sentDuringBackup = sent.size() - sentBeforeBackup.size();
            }
            waitForReports(sent.size() + 1);
            stop.set(true);
            writer.join(30_000);

            assertNull(writerFailure.get(), () -> "the report writer failed: " + writerFailure.get());
            assertTrue(sentDuringBackup > 0, "no report finished during " + backupsRun + " backups");
        }
    }

    @AfterAll
    void printOverlap() {
        System.out.println("Backups run: " + backupsRun + "; reports finished while the last one ran: " + sentDuringBackup);
    }

    @Test
    @Order(1)
    void archiveIsOwnerOnlyWithManifest() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
        assertFalse(Files.exists(archive.resolveSibling(archive.getFileName() + ".partial")), "no partial file left");
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            BackupManifest manifest = BackupManifest.fromJson(
                    zip.getInputStream(zip.getEntry(BackupManifest.ENTRY_NAME)).readAllBytes());
            assertEquals(BackupManifest.FORMAT_VERSION, manifest.formatVersion());
            List<String> paths = manifest.files().stream().map(BackupManifest.Entry::path).toList();
            assertTrue(paths.contains(BackupManifest.DATABASE_ENTRY), "database listed: " + paths);
            assertTrue(paths.contains(KeyFile.FILE_NAME), "key file listed: " + paths);
            long attachments = paths.stream().filter(path -> path.startsWith("attachments/")).count();
            assertTrue(attachments >= sentBeforeBackup.size(), "attachments listed: " + attachments);
            assertFalse(paths.stream().anyMatch(path -> path.startsWith("drafts/")), "drafts are left out");
        }
    }

    @Test
    @Order(2)
    void restoredServerOpensEveryCaseForSameOfficer() throws Exception {
        Path restored = work.resolve("restored");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new RestoreCommand(new PrintStream(out), System.err).run(config(restored), List.of(archive.toString()));
        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(restored)));
        try (Stream<Path> files = Files.walk(restored)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }

        try (TestServer server = TestServer.start(restored);
             WebClient browser = TestServer.browser()) {
            HtmlPage cases = new Officer(browser, server).login();
            assertEquals(server.adminUrl("/cases"), cases.getUrl().toString(), cases.asNormalizedText());

            Set<String> listed = new HashSet<>();
            for (Sent report : sent) {
                if (cases.getAnchors().stream().anyMatch(anchor -> anchor.getTextContent().strip().equals(report.reference()))) {
                    listed.add(report.reference());
                }
            }
            for (Sent report : sentBeforeBackup) {
                assertTrue(listed.contains(report.reference()), "case sent before the backup is restored: " + report.reference());
            }
            long casesInDatabase = server.app().database().read(h ->
                    h.createQuery("SELECT COUNT(*) FROM report_case").mapTo(Long.class).one());
            assertEquals(casesInDatabase, listed.size(), "every restored case is one that was sent");

            for (Sent report : sent) {
                if (!listed.contains(report.reference())) {
                    continue;
                }
                HtmlPage casePage = new Officer(browser, server).openCase(cases, report.reference());
                assertTrue(casePage.asNormalizedText().contains(report.details()), "case text of " + report.reference());
                Page download = new Officer(browser, server).download(casePage, report.fileName());
                byte[] bytes;
                try (InputStream in = download.getWebResponse().getContentAsStream()) {
                    bytes = in.readAllBytes();
                }
                assertArrayEquals(report.file(), bytes, "attachment of " + report.reference());
            }
        }
    }

    @Test
    @Order(3)
    void restoreRejectsNonEmptyDirectory() throws Exception {
        Path occupied = Files.createDirectories(work.resolve("occupied"));
        Files.writeString(occupied.resolve("notes.txt"), "keep me");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new RestoreCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
                .run(config(occupied), List.of(archive.toString()));

        assertEquals(RestoreCommand.TARGET_NOT_EMPTY, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not empty"), err.toString(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(occupied)) {
            assertEquals(List.of(occupied.resolve("notes.txt")), files.toList(), "nothing was written");
        }
        assertEquals("keep me", Files.readString(occupied.resolve("notes.txt")));
    }

    @Test
    @Order(4)
    void restoreRejectsDamagedArchive() throws Exception {
        byte[] bytes = Files.readAllBytes(archive);
        Random random = new Random(42);
        for (int i = 0; i < 16; i++) {
            int at = bytes.length / 4 + random.nextInt(bytes.length / 2);
            bytes[at] ^= (byte) 0x5A;
        }
        Path damaged = work.resolve("damaged.zip");
        Files.write(damaged, bytes);

        assertRestoreFails(damaged, "damaged");
    }

    @Test
    @Order(5)
    void restoreRejectsFileThatDiffersFromManifest() throws Exception {
        Path altered = work.resolve("altered.zip");
        boolean changed = false;
        try (ZipFile source = new ZipFile(archive.toFile());
             ZipOutputStream target = new ZipOutputStream(Files.newOutputStream(altered))) {
            for (ZipEntry entry : Collections.list(source.entries())) {
                byte[] content = source.getInputStream(entry).readAllBytes();
                if (!changed && entry.getName().startsWith("attachments/")) {
                    content[content.length / 2] ^= 1;
                    changed = true;
                }
                target.putNextEntry(new ZipEntry(entry.getName()));
                target.write(content);
                target.closeEntry();
            }
        }
        assertTrue(changed, "an attachment entry was altered");

        assertRestoreFails(altered, "SHA-256");
    }

    @Test
    @Order(6)
    void restoreRejectsFileThatIsNoArchive() throws Exception {
        Path text = work.resolve("notes.zip");
        Files.writeString(text, "not a zip archive");

        assertRestoreFails(text, "not a readable ZIP archive");
    }

    /** Restores {@code archive} into a new directory and expects exit code 1, the message part, and no directory left. */
    private void assertRestoreFails(Path badArchive, String messagePart) throws IOException {
        Path target = work.resolve("target-" + badArchive.getFileName());
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new RestoreCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
                .run(config(target), List.of(badArchive.toString()));

        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, message);
        assertTrue(message.startsWith("Restore failed, nothing was restored: "), message);
        assertTrue(message.contains(messagePart), message);
        assertEquals(1, message.strip().lines().count(), "one line: " + message);
        assertFalse(Files.exists(target), "the new target directory was removed again");
    }

    private void send(TestServer server, WebClient browser, Path uploads, String label, int size) throws IOException {
        byte[] content = new byte[size];
        new Random(label.hashCode()).nextBytes(content);
        String details = "Backup test report " + label + ".";
        String fileName = label + ".bin";
        String reference = SampleReports.sendBreach(server, browser, details, uploads, fileName, content);
        sent.add(new Sent(reference, details, fileName, content));
    }

    private void waitForReports(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (sent.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(sent.size() >= count, "reports sent: " + sent.size() + ", expected at least " + count);
    }

    private static Config config(Path dataDir) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("sealbox.data-dir", dataDir.toString())))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }
}
