package org.sealbox.retention;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.cli.PurgeCommand;
import org.sealbox.storage.AttachmentFiles;
import org.sealbox.storage.Database;
import org.sealbox.testing.LogCapture;
import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Officer;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cases sent at different (clock-controlled) times, one of them closed by SQL, then a purge.
 * Exactly the expired cases lose their rows in every table and their attachment files, and their
 * ciphertext is gone from the database file and the WAL. The officer still opens every remaining
 * case with its attachment. The CLI runs the same purge.
 */
class PurgeTest {

    private static final Instant START = Instant.parse("2026-03-02T09:40:00Z");
    /** Breach reports that are still "new" go after 30 days; any closed case after 1 day. */
    private static final RetentionPolicy POLICY = new RetentionPolicy(List.of(
            new RetentionPolicy.Rule("breach", "new", 30),
            new RetentionPolicy.Rule("any", "closed", 1)));

    @TempDir
    Path dataDir;
    @TempDir
    Path uploads;

    /** A sent report and its attachment (null when it has none). */
    record Sent(String reference, long caseId, String details, String fileName, byte[] file) {
    }

    @Test
    void purgeDeletesExactlyExpiredCases() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (TestServer server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
             LogCapture logs = new LogCapture()) {
            List<Sent> old = List.of(send(server, "old-1", true), send(server, "old-2", false));
            clock.advance(Duration.ofDays(20));
            Sent recentWithFile = send(server, "recent-1", true);
            Sent recentWithoutFile = send(server, "recent-2", false);
            Sent closed = send(server, "closed", true);
            server.app().database().write(h -> h.createUpdate("UPDATE report_case SET status = 'closed' WHERE id = :id")
                    .bind("id", closed.caseId()).execute());
            // Now the old cases are 35 days old, the recent and the closed one 15 days.
            clock.advance(Duration.ofDays(15));

            List<Sent> expired = new ArrayList<>(old);
            expired.add(closed);
            List<Sent> remaining = List.of(recentWithFile, recentWithoutFile);
            byte[] closedContent = server.app().database().read(h -> h.createQuery(
                    "SELECT content FROM report_case WHERE id = :id").bind("id", closed.caseId()).mapTo(byte[].class).one());
            List<String> expiredFiles = new ArrayList<>();
            for (Sent report : expired) {
                if (report.file() != null) {
                    expiredFiles.add(SampleReports.attachmentId(server, report.caseId()));
                }
            }

            CasePurge purge = new CasePurge(server.app().database(), new AttachmentFiles(dataDir), POLICY, clock);
            assertEquals(3, purge.countExpired(), "dry count");
            CasePurge.Result result = purge.purge();

            assertEquals(3, result.cases(), "cases deleted");
            assertEquals(2, result.attachments(), "attachment files deleted");
            for (Sent report : expired) {
                assertEquals(0, rowsReferencing(server.app().database(), report.caseId()), "rows left for " + report.details());
            }
            for (String id : expiredFiles) {
                assertFalse(Files.exists(dataDir.resolve("attachments").resolve(id)), "attachment file deleted");
            }
            for (Sent report : remaining) {
                assertTrue(rowsReferencing(server.app().database(), report.caseId()) > 0, "rows kept for " + report.details());
            }
            assertEquals(0, Files.size(dataDir.resolve(Database.FILE_NAME + "-wal")), "WAL truncated");
            byte[] sample = Arrays.copyOfRange(closedContent, 100, 164);
            assertFalse(contains(Files.readAllBytes(dataDir.resolve(Database.FILE_NAME)), sample),
                    "ciphertext of a purged case left in the database file");
            assertEquals(0, purge.countExpired(), "nothing left to purge");

            String logText = logs.text();
            assertTrue(logText.contains("Retention purge deleted 3 cases and 2 attachment files"), logText);
            for (Sent report : expired) {
                assertFalse(logText.contains(report.reference()), "reference number in logs");
            }

            try (WebClient browser = TestServer.browser()) {
                HtmlPage cases = new Officer(browser, server).login();
                for (Sent report : expired) {
                    assertFalse(cases.asNormalizedText().contains(report.reference()), "purged case still listed");
                }
                for (Sent report : remaining) {
                    HtmlPage casePage = new Officer(browser, server).openCase(cases, report.reference());
                    assertTrue(casePage.asNormalizedText().contains(report.details()), "text of " + report.details());
                    if (report.file() != null) {
                        Page download = new Officer(browser, server).download(casePage, report.fileName());
                        try (InputStream in = download.getWebResponse().getContentAsStream()) {
                            assertArrayEquals(report.file(), in.readAllBytes(), "attachment of " + report.details());
                        }
                    }
                }
            }
        }
    }

    @Test
    void purgeCommandCountsThenDeletes() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (TestServer server = TestServer.startWithOfficer(dataDir, Map.of(), clock)) {
            send(server, "first", true);
            send(server, "second", false);
        }
        Path settings = uploads.resolve("retention.yaml");
        Files.writeString(settings, """
                sealbox:
                  retention:
                    - kind: any
                      status: any
                      days: 7
                """);
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("sealbox.data-dir", dataDir.toString())))
                .addSource(ConfigSources.file(settings))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
        MutableClock later = new MutableClock(START.plus(Duration.ofDays(8)));

        ByteArrayOutputStream dryRun = new ByteArrayOutputStream();
        assertEquals(0, new PurgeCommand(new PrintStream(dryRun), System.err, later).run(config, List.of("--dry-run")));
        assertEquals("2 cases are past retention. Nothing was deleted (dry run).",
                dryRun.toString(StandardCharsets.UTF_8).strip());

        ByteArrayOutputStream run = new ByteArrayOutputStream();
        assertEquals(0, new PurgeCommand(new PrintStream(run), System.err, later).run(config, List.of()));
        assertEquals("Deleted 2 cases past retention and 1 attachment files.", run.toString(StandardCharsets.UTF_8).strip());

        try (Database database = Database.open(dataDir)) {
            int cases = database.read(h -> h.createQuery("SELECT COUNT(*) FROM report_case").mapTo(Integer.class).one());
            assertEquals(0, cases, "cases left");
        }
        try (var files = Files.list(dataDir.resolve("attachments"))) {
            assertEquals(0, files.count(), "attachment files left");
        }

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, new PurgeCommand(System.out, new PrintStream(err), later).run(config, List.of("--all")));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Usage: sealbox purge"));
    }

    private Sent send(TestServer server, String label, boolean withFile) throws Exception {
        String details = "Retention test report " + label + ".";
        byte[] content = null;
        String fileName = null;
        if (withFile) {
            content = new byte[70_000];
            new Random(label.hashCode()).nextBytes(content);
            fileName = label + ".bin";
        }
        try (WebClient browser = TestServer.browser()) {
            String reference = SampleReports.sendBreach(server, browser, details, uploads, fileName, content);
            return new Sent(reference, SampleReports.caseId(server, reference), details, fileName, content);
        }
    }

    /** Counts the rows of every table with a case_id column, plus the case row itself, for this case. */
    private static long rowsReferencing(Database database, long caseId) {
        return database.read(h -> {
            long rows = h.createQuery("SELECT COUNT(*) FROM report_case WHERE id = :id").bind("id", caseId)
                    .mapTo(Long.class).one();
            List<String> tables = h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table'")
                    .mapTo(String.class).list();
            for (String table : tables) {
                boolean hasCaseId = h.createQuery("SELECT COUNT(*) FROM pragma_table_info(:table) WHERE name = 'case_id'")
                        .bind("table", table).mapTo(Integer.class).one() > 0;
                if (hasCaseId) {
                    rows += h.createQuery("SELECT COUNT(*) FROM \"" + table + "\" WHERE case_id = :id").bind("id", caseId)
                            .mapTo(Long.class).one();
                }
            }
            return rows;
        });
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
