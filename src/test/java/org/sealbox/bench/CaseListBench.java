package org.sealbox.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.sealbox.casework.CaseClock;
import org.sealbox.casework.CaseStatus;
import org.sealbox.casework.WorkflowStore;
import org.sealbox.report.ReportDraft;
import org.sealbox.report.ReportKind;
import org.sealbox.report.ReportService;
import org.sealbox.storage.AttachmentFiles;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

/**
 * Measures {@code GET /cases} end to end over HTTP on 127.0.0.1 with 10,000 cases, all sealed to
 * one officer. Run it with {@code bench/case-list.sh}; it is not part of the test suite.
 *
 * <p>The first {@value #REAL_CASES} cases go through {@link ReportService#submit}, so they have
 * real sealed content and keys. The rest are SQL copies of those rows. Each copy keeps a source's
 * kind, ciphertexts and sealed keys, so its case page would not decrypt, but the list never
 * decrypts. Every case then gets a random status, receipt time, assignee and acknowledgement.
 * {@code next_deadline} is then recomputed for every case with the server's own helper.
 */
public final class CaseListBench {

    private static final int CASES = 10_000;
    private static final int REAL_CASES = 300;
    private static final int WARM_UP = 100;
    private static final int MEASURED = 300;
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private CaseListBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("sealbox-bench");
        Clock clock = Clock.systemUTC();
        try (TestServer server = TestServer.startWithOfficer(dataDir, Map.of(), clock)) {
            long started = System.nanoTime();
            fill(server, dataDir, clock);
            System.out.printf("Created %d cases (%d through ReportService) in %.1f s%n", CASES, REAL_CASES,
                    (System.nanoTime() - started) / 1e9);

            int port = server.app().adminPort();
            String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
            int lastPage = (CASES + 49) / 50;
            measure(port, cookie, "first page", "/cases");
            measure(port, cookie, "filtered page", "/cases?kind=breach&status=in-review&overdue=1");
            measure(port, cookie, "filtered by assignee", "/cases?assignee=me&sort=received");
            measure(port, cookie, "last page", "/cases?page=" + lastPage);
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void fill(TestServer server, Path dataDir, Clock clock) throws Exception {
        Random random = new Random(42);
        ReportService reports = new ReportService(server.app().database(), new AttachmentFiles(dataDir), clock,
                new CaseClock(ZONE));
        List<Long> sources = new ArrayList<>();
        for (int i = 0; i < REAL_CASES; i++) {
            ReportKind kind = random.nextBoolean() ? ReportKind.BREACH : ReportKind.REQUEST;
            Map<String, List<String>> answers = kind == ReportKind.BREACH ? SampleReports.BREACH_ANSWERS
                    : Map.of("right", List.of("access"), "contact-name", List.of("Erika Mustermann"),
                    "contact-address", List.of("erika@example.org"), "identification", List.of("Customer 4711"));
            try (ReportService.Submitted submitted = reports.submit(new ReportDraft(kind, answers,
                    "Benchmark report " + i + ": " + "x".repeat(random.nextInt(2000)), Optional.empty()))) {
                sources.add(submitted.caseId());
            }
        }
        long officerId = server.app().database().read(h -> h.createQuery("SELECT id FROM officer")
                .mapTo(Long.class).one());
        Instant now = clock.instant();
        CaseStatus[] statuses = CaseStatus.values();
        WorkflowStore store = new WorkflowStore();
        CaseClock caseClock = new CaseClock(ZONE);
        server.app().database().write(h -> {
            List<Long> all = new ArrayList<>(sources);
            for (int i = REAL_CASES; i < CASES; i++) {
                long source = sources.get(random.nextInt(sources.size()));
                long id = h.createUpdate("""
                                INSERT INTO report_case (reference, kind, status, received_hour, public_key,
                                                         internal_public_key, content)
                                SELECT :reference, kind, 'new', received_hour, public_key, internal_public_key, content
                                FROM report_case WHERE id = :source""")
                        .bind("reference", "BENCH-%05d".formatted(i))
                        .bind("source", source)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                h.createUpdate("""
                                INSERT INTO case_key (case_id, officer_id, sealed_private_key, sealed_internal_private_key)
                                SELECT :id, officer_id, sealed_private_key, sealed_internal_private_key
                                FROM case_key WHERE case_id = :source""")
                        .bind("id", id).bind("source", source).execute();
                all.add(id);
            }
            for (long id : all) {
                long received = now.minus(Duration.ofHours(random.nextInt(24 * 150))).getEpochSecond() / 3600 * 3600;
                CaseStatus status = statuses[random.nextInt(statuses.length)];
                h.createUpdate("""
                                UPDATE report_case SET status = :status, received_hour = :received,
                                       assignee_id = :assignee, acknowledged_at = :acknowledged, closed_at = :closed
                                WHERE id = :id""")
                        .bind("status", status.id())
                        .bind("received", received)
                        .bind("assignee", random.nextInt(3) == 0 ? officerId : null)
                        .bind("acknowledged", status == CaseStatus.NEW ? null : received + 3600L * random.nextInt(24 * 7))
                        .bind("closed", status == CaseStatus.CLOSED ? now.getEpochSecond() : null)
                        .bind("id", id)
                        .execute();
                store.recomputeNextDeadline(h, caseClock, id);
                if (random.nextInt(5) == 0) {
                    byte[] body = new byte[200];
                    random.nextBytes(body);
                    h.createUpdate("""
                                    INSERT INTO message (public_id, case_id, author, created_hour, body)
                                    VALUES (:publicId, :id, 'reporter', :hour, :body)""")
                            .bind("publicId", "bench-" + id)
                            .bind("id", id)
                            .bind("hour", received)
                            .bind("body", body)
                            .execute();
                }
            }
            return null;
        });
    }

    private static void measure(int port, String cookie, String name, String path) throws Exception {
        Map<String, String> headers = Map.of("Cookie", cookie);
        for (int i = 0; i < WARM_UP; i++) {
            check(RawHttp.get(port, path, headers), path);
        }
        double[] millis = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            RawHttp.Response response = RawHttp.get(port, path, headers);
            millis[i] = (System.nanoTime() - start) / 1e6;
            check(response, path);
        }
        Arrays.sort(millis);
        System.out.printf("%-22s %-50s median %6.1f ms   p95 %6.1f ms   (%d requests)%n", name, path,
                millis[MEASURED / 2], millis[(int) Math.ceil(MEASURED * 0.95) - 1], MEASURED);
    }

    private static void check(RawHttp.Response response, String path) {
        if (response.status() != 200 || !response.text().contains("<table class=\"cases\">")) {
            throw new IllegalStateException("GET " + path + " returned " + response.status());
        }
    }
}
