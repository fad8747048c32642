package org.sealbox.postbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.LogCapture;
import org.sealbox.testing.Officer;
import org.sealbox.testing.PostboxUser;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole postbox dialog with canary strings in every field, then a scan of the data directory,
 * the temporary files written meanwhile, and the log. None may contain a canary, the pseudonym
 * (as typed or normalised) or the password, and the log may not contain the reference number.
 */
class PostboxCanaryTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path uploads;

    private final Instant started = Instant.now();
    /** Values that must appear nowhere, keyed by a label for the failure messages. */
    private final Map<String, String> secrets = new LinkedHashMap<>();

    @Test
    void dialogLeavesNoPlaintext() throws Exception {
        // Random parts keep these values out of the source tree, which may be copied under the temp directory.
        String pseudonym = "\uFF23anary \uFF2Fwl " + UUID.randomUUID().toString().substring(0, 13);
        String normalised = ((Pseudonyms.Valid) Pseudonyms.check(pseudonym)).normalised();
        String password = "Canary pass " + UUID.randomUUID();
        secrets.put("typed pseudonym", pseudonym);
        secrets.put("normalised pseudonym", normalised);
        secrets.put("password", password);
        String reportText = canary("REPORT-TEXT");
        String officerText = canary("OFFICER-TEXT");
        String replyText = canary("REPLY-TEXT");
        String fileName = canary("FILE-NAME") + ".txt";
        Path file = Files.writeString(uploads.resolve(fileName), "notes " + canary("FILE-CONTENT") + "\n");

        String reference;
        String logText;
        try (LogCapture logs = new LogCapture(); TestServer server = TestServer.startWithOfficer(dataDir)) {
            reference = PostboxSteps.reportWithPostbox(server, reportText, null, pseudonym, password);
            try (WebClient officerBrowser = TestServer.browser(); WebClient reporterBrowser = TestServer.browser()) {
                Officer officer = new Officer(officerBrowser, server);
                Officer.reply(officer.openCase(officer.login(), reference), officerText);

                HtmlPage inbox = new PostboxUser(reporterBrowser, server).login(pseudonym, password);
                assertTrue(inbox.asNormalizedText().contains(officerText), "the reporter reads the officer's reply");
                HtmlPage sent = PostboxUser.reply(inbox, replyText, file);
                assertTrue(sent.asNormalizedText().contains("Your answer was sent."), sent.asNormalizedText());
                PostboxUser.logout(sent);

                HtmlPage casePage = officer.openCase(officerBrowser.getPage(server.adminUrl("/cases")), reference);
                assertTrue(casePage.asNormalizedText().contains(replyText), "the officer reads the answer");
                assertTrue(casePage.asNormalizedText().contains(fileName), "the officer sees the file name");
            }

            List<Path> running = dataFiles();
            assertTrue(running.stream().anyMatch(p -> p.getFileName().toString().endsWith("-wal")),
                    "the WAL file is scanned while the server runs: " + running);
            assertTrue(running.stream().anyMatch(p -> p.startsWith(dataDir.resolve("attachments"))),
                    "attachment files are scanned: " + running);
            assertNoSecretIn(running);
            assertNoSecretIn(tempFilesSinceStart());
            logText = logs.text();
        }
        assertNoSecretIn(dataFiles());

        assertFalse(logText.isEmpty(), "log output was captured");
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertFalse(logText.contains(secret.getValue()), secret.getKey() + " in the log");
        }
        assertFalse(logText.contains(reference), "reference number in the log");
    }

    private String canary(String label) {
        String value = "CANARY-" + label + "-" + UUID.randomUUID();
        secrets.put(label, value);
        return value;
    }

    private List<Path> dataFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(dataDir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        return files;
    }

    /**
     * Regular files under {@code java.io.tmpdir} changed since the test started, except this
     * test's own directories. Other processes add and remove files there meanwhile, so
     * directories that vanish or cannot be read are skipped.
     */
    private List<Path> tempFilesSinceStart() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(tmp, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return dir.equals(uploads) || dir.equals(dataDir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()
                        && attributes.lastModifiedTime().toInstant().isAfter(started.minusSeconds(1))) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private void assertNoSecretIn(List<Path> files) {
        for (Path file : files) {
            byte[] content = readQuietly(file);
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                assertFalse(contains(content, secret.getValue().getBytes(StandardCharsets.UTF_8)),
                        secret.getKey() + " found in " + file);
            }
        }
    }

    /** Reads a file, or returns nothing for one that another process removed meanwhile. */
    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
