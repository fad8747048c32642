package org.sealbox.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.WebConnectionWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.LogCapture;
import org.sealbox.testing.Officer;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Both kinds of report go through every public step with JavaScript off, then an officer logs in
 * on the admin listener and reads each one decrypted, attachments byte for byte. Afterwards no
 * canary string of the submissions may be found on disk or in the logs, and no rendered page may
 * contain script, event handlers or links to other hosts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportToOfficerTest {

    private static final long LIMIT = 5L * 1024 * 1024;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    private final Instant started = Instant.now();
    private final List<String> canaries = new ArrayList<>();
    private final List<Map.Entry<String, String>> renderedPages = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private LogCapture logs;
    private TestServer server;
    private WebClient browser;

    /** A report sent in this test and what the officer must see. */
    record Sent(String reference, String details, List<String> shownAnswers, String fileName, byte[] file) {
    }

    @BeforeAll
    void startServer() throws Exception {
        logs = new LogCapture();
        server = TestServer.startWithOfficer(dataDir);
        browser = capturing(TestServer.browser());
    }

    /** Records every HTML page the browser receives, for the page checks at the end. */
    private WebClient capturing(WebClient client) {
        new WebConnectionWrapper(client) {
            @Override
            public WebResponse getResponse(org.htmlunit.WebRequest request) throws IOException {
                WebResponse response = super.getResponse(request);
                if (response.getContentType().contains("html")) {
                    renderedPages.add(Map.entry(request.getHttpMethod() + " " + request.getUrl(), response.getContentAsString()));
                }
                return response;
            }
        };
        return client;
    }

    @AfterAll
    void stopServer() {
        browser.close();
        server.close();
        logs.close();
    }

    @Test
    @Order(1)
    void breachReportsWithEachAttachmentArriveDecrypted() throws Exception {
        byte[] ff = new byte[4096];
        Arrays.fill(ff, (byte) 0xFF);
        byte[] exactlyLimit = new byte[(int) LIMIT];
        new java.util.Random(7).nextBytes(exactlyLimit);
        String fileCanary = canary("FILE");
        byte[] pdf = ("%PDF-1.4\n" + fileCanary + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);

        sendBreach("one.bin", new byte[] {0x42});
        sendBreach("ff.bin", ff);
        sendBreach("limit.bin", exactlyLimit);
        sendBreach("Prüfbericht_日本語 (1).pdf", pdf);
        sendBreach(canary("FILENAME") + ".txt", ("notes " + canary("NOTE")).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Order(2)
    void informationRequestArrivesWithContactData() throws Exception {
        String name = canary("NAME");
        String address = canary("ADDRESS") + "\nMusterstraße 1\n10115 Berlin";
        String identification = canary("CUSTOMER");
        String details = canary("REQUEST-TEXT") + " Please send me a copy of my data.";

        HtmlPage kind = new Reporter(browser, server).startReport();
        HtmlPage form = Reporter.chooseKind(kind, "request");
        Reporter.fill(form, Map.of(
                "right", List.of("access"),
                "contact-name", List.of(name),
                "contact-address", List.of(address),
                "identification", List.of(identification)), details, null);
        HtmlPage review = Reporter.review(form);
        assertTrue(review.asNormalizedText().contains(name), "review shows the name");
        assertTrue(review.asNormalizedText().contains("Access: learn which data about me is processed"), "review shows the right");
        HtmlPage receipt = Reporter.send(review);
        sent.add(new Sent(Reporter.reference(receipt), details,
                List.of(name, identification, "Access: learn which data about me is processed (Art. 15 GDPR)"), null, null));
    }

    @Test
    @Order(3)
    void officerReadsEveryCaseDecrypted() throws Exception {
        WebClient officerBrowser = capturing(TestServer.browser());
        HtmlPage cases = new Officer(officerBrowser, server).login();
        assertEquals(server.adminUrl("/cases"), cases.getUrl().toString(), cases.asNormalizedText());

        for (Sent report : sent) {
            assertTrue(cases.asNormalizedText().contains(report.reference()), "list shows " + report.reference());
            HtmlPage casePage = new Officer(officerBrowser, server).openCase(cases, report.reference());
            String text = casePage.asNormalizedText();
            assertTrue(text.contains(report.details().lines().findFirst().orElseThrow()), "case shows the free text");
            for (String answer : report.shownAnswers()) {
                assertTrue(text.contains(answer), "case shows answer " + answer);
            }
            if (report.fileName() != null) {
                assertTrue(text.contains(report.fileName()), "case shows file name " + report.fileName());
                Page download = new Officer(officerBrowser, server).download(casePage, report.fileName());
                WebResponse response = download.getWebResponse();
                assertEquals("application/octet-stream", response.getContentType());
                assertTrue(response.getResponseHeaderValue("Content-Disposition").startsWith("attachment;"));
                byte[] bytes;
                try (InputStream in = response.getContentAsStream()) {
                    bytes = in.readAllBytes();
                }
                assertEquals(sha256(report.file()), sha256(bytes), "SHA-256 of " + report.fileName());
                assertTrue(text.contains(sha256(report.file())), "case page shows the SHA-256");
            }
        }
        officerBrowser.close();
    }

    @Test
    @Order(4)
    void noCanaryOnDiskOrInLogs() throws Exception {
        List<Path> scanned = new ArrayList<>();
        try (var files = Files.walk(dataDir)) {
            files.filter(Files::isRegularFile).forEach(scanned::add);
        }
        assertTrue(scanned.stream().anyMatch(p -> p.getFileName().toString().endsWith("-wal")),
                "the WAL file is scanned while the server runs: " + scanned);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        // Other processes may delete their temp files while the walk runs; those are skipped.
        Files.walkFileTree(tmp, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !file.startsWith(uploads) && !file.startsWith(dataDir)
                        && modifiedSinceStart(file)) {
                    scanned.add(file);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        for (Path file : scanned) {
            byte[] content = readQuietly(file);
            for (String canary : canaries) {
                assertFalse(contains(content, canary.getBytes(StandardCharsets.UTF_8)),
                        "canary " + canary + " found in " + file);
            }
        }
        String logText = logs.text();
        assertFalse(logText.isEmpty(), "log output was captured");
        for (String canary : canaries) {
            assertFalse(logText.contains(canary), "canary in logs: " + canary);
        }
        for (Sent report : sent) {
            assertFalse(logText.contains(report.reference()), "reference number in logs");
        }
        assertFalse(logText.contains("Prüfbericht"), "file name in logs");
    }

    @Test
    @Order(5)
    void attachmentTimesRoundedToHour() throws IOException {
        try (var files = Files.list(dataDir.resolve("attachments"))) {
            for (Path file : files.toList()) {
                long seconds = Files.getLastModifiedTime(file).toInstant().getEpochSecond();
                assertEquals(0, seconds % 3600, "modification time of " + file.getFileName() + " is on the hour");
            }
        }
    }

    @Test
    @Order(6)
    void renderedPagesHaveNoScriptHandlersOrForeignLinks() {
        assertTrue(renderedPages.size() > 20, "pages captured: " + renderedPages.size());
        Pattern handler = Pattern.compile("<[^>]*\\s on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern url = Pattern.compile("(?i)(https?:)?//([^/\"'\\s>]+)");
        renderedPages.forEach(entry -> {
            String page = entry.getKey();
            String html = entry.getValue();
            assertFalse(html.toLowerCase().contains("<script"), "script in " + page);
            assertFalse(handler.matcher(html).find(), "event handler attribute in " + page);
            assertFalse(html.toLowerCase().contains("<svg"), "svg in " + page);
            Matcher m = url.matcher(html);
            while (m.find()) {
                fail("URL to another host in " + page + ": " + m.group());
            }
        });
    }

    private void sendBreach(String fileName, byte[] content) throws Exception {
        Path file = uploads.resolve(fileName);
        Files.write(file, content);
        String details = canary("TEXT") + "\nA spreadsheet with salaries was mailed to all staff.\n\tIndented line, ümlaut, 日本語.";
        HtmlPage kind = new Reporter(browser, server).startReport();
        HtmlPage form = Reporter.chooseKind(kind, "breach");
        Reporter.fill(form, Map.of(
                "breach-type", List.of("disclosure", "loss"),
                "occurred", List.of("last-week"),
                "noticed", List.of("last-24h"),
                "data-categories", List.of("employee", "financial"),
                "people-affected", List.of("up-to-100"),
                "ongoing", List.of("no"),
                "source", List.of("observed"),
                "relation", List.of("undisclosed")), details, file);
        HtmlPage review = Reporter.review(form);
        assertTrue(review.getUrl().getPath().endsWith("/report/review"), review.asNormalizedText());
        assertTrue(review.asNormalizedText().contains(fileName), "review shows the file name");
        HtmlPage receipt = Reporter.send(review);
        String reference = Reporter.reference(receipt);
        assertTrue(reference.matches("[34679ACDEFGHJKMNPQRTUVWXY]{4}(-[34679ACDEFGHJKMNPQRTUVWXY]{4}){3}"), reference);
        sent.add(new Sent(reference, details, List.of(
                "Someone saw or received data they should not have", "Data was lost or deleted",
                "Employee records", "Financial data (bank, card, salary)", "11 to 100", "I prefer not to say"),
                fileName, content));
    }

    private String canary(String what) {
        String value = "CANARY-" + what + "-" + UUID.randomUUID();
        canaries.add(value);
        return value;
    }

    private boolean modifiedSinceStart(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isAfter(started.minusSeconds(1));
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
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

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
