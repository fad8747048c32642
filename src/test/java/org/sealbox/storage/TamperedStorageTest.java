package org.sealbox.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.LogCapture;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Case content and attachment files changed behind the server's back (a flipped byte, content
 * moved between cases, a cut-off file) do not decrypt. The officer gets an error page without
 * plaintext or internals, and every other case still opens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TamperedStorageTest {

    private static final String UNREADABLE = "This case could not be decrypted with your key.";
    /** Plaintext bytes per chunk of an attachment file, as FileCipher writes them. */
    private static final int CHUNK_BYTES = 64 * 1024;
    /** Length of the secretstream header at the start of a file. */
    private static final int HEADER_BYTES = 24;
    /** Bytes that each chunk adds to its plaintext: the tag byte and the 16-byte MAC. */
    private static final int CHUNK_OVERHEAD_BYTES = 17;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    private TestServer server;
    private LogCapture logs;
    private int port;
    private String cookie;

    private Sent flippedContent;
    private Sent flippedFile;
    private Sent swapTarget;
    private Sent swapSource;
    private Sent cutFinalChunk;
    private Sent cutLastByte;
    private Sent intact;

    /** A case as sent: its id, details text and attachment (both may be null). */
    record Sent(long id, String details, String attachmentId, byte[] file) {
    }

    @BeforeAll
    void sendAndTamper() throws Exception {
        logs = new LogCapture();
        server = TestServer.startWithOfficer(dataDir);
        port = server.app().adminPort();
        try (WebClient browser = TestServer.browser()) {
            flippedContent = send(browser, "flipped-content", null);
            flippedFile = send(browser, "flipped-file", text("flipped file content"));
            swapTarget = send(browser, "swap-target", null);
            swapSource = send(browser, "swap-source", null);
            cutFinalChunk = send(browser, "cut-final-chunk", randomBytes(CHUNK_BYTES + 1000));
            cutLastByte = send(browser, "cut-last-byte", text("cut last byte content"));
            intact = send(browser, "intact", text("intact file content"));
        }

        flipContentByte(flippedContent.id());
        flipFileByte(file(flippedFile));
        copyContent(swapSource.id(), swapTarget.id());
        truncate(file(cutFinalChunk), HEADER_BYTES + CHUNK_BYTES + CHUNK_OVERHEAD_BYTES);
        truncate(file(cutLastByte), Files.size(file(cutLastByte)) - 1);

        cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
    }

    @AfterAll
    void stopServer() {
        server.close();
        logs.close();
    }

    @Test
    void flippedContentByteFails() throws Exception {
        assertUnreadable(get("/cases/" + flippedContent.id()), flippedContent);
    }

    @Test
    void swappedContentFails() throws Exception {
        RawHttp.Response page = get("/cases/" + swapTarget.id());

        assertUnreadable(page, swapTarget);
        assertFalse(page.text().contains(swapSource.details()), "the other case's content is shown");
    }

    @Test
    void swapSourceStillOpens() throws Exception {
        RawHttp.Response page = get("/cases/" + swapSource.id());

        assertEquals(200, page.status());
        assertTrue(page.text().contains(swapSource.details()), page.text());
    }

    @Test
    void flippedFileByteFails() throws Exception {
        RawHttp.Response casePage = get("/cases/" + flippedFile.id());

        assertEquals(200, casePage.status(), "the case itself is intact");
        assertUnreadable(download(flippedFile), flippedFile);
    }

    @Test
    void fileWithoutFinalChunkFails() throws Exception {
        assertUnreadable(download(cutFinalChunk), cutFinalChunk);
    }

    @Test
    void fileShortOneByteFails() throws Exception {
        assertUnreadable(download(cutLastByte), cutLastByte);
    }

    @Test
    void otherCasesStillOpen() throws Exception {
        RawHttp.Response list = get("/cases");
        RawHttp.Response page = get("/cases/" + intact.id());
        RawHttp.Response file = download(intact);

        assertEquals(200, list.status());
        for (Sent sent : List.of(flippedContent, flippedFile, swapTarget, swapSource, cutFinalChunk, cutLastByte, intact)) {
            assertTrue(list.text().contains("/cases/" + sent.id() + "\""), "case " + sent.id() + " not listed");
        }
        assertEquals(200, page.status());
        assertTrue(page.text().contains(intact.details()), page.text());
        assertEquals(200, file.status());
        assertTrue(Arrays.equals(intact.file(), file.body()), "the intact attachment changed");
    }

    @Test
    void failuresAreLoggedWithoutDetails() throws Exception {
        get("/cases/" + flippedContent.id());
        download(flippedFile);
        String log = logs.text();

        assertTrue(log.contains("A case did not decrypt"), log);
        assertTrue(log.contains("An attachment did not decrypt"), log);
        assertFalse(log.contains(flippedFile.attachmentId()), log);
        assertFalse(log.contains("Exception"), log);
    }

    private void assertUnreadable(RawHttp.Response response, Sent sent) {
        String body = response.text();

        assertEquals(500, response.status());
        assertTrue(body.contains(UNREADABLE), body);
        assertTrue(response.header("Content-Type").orElse("").startsWith("text/html"), "not an error page");
        assertFalse(response.header("Content-Disposition").isPresent(), "sent as a download");
        assertFalse(body.contains(sent.details()), "the case text is shown");
        assertFalse(body.contains("Exception"), body);
        assertFalse(body.contains("\tat "), body);
        if (sent.file() != null && sent.file().length < 1000) {
            assertFalse(body.contains(new String(sent.file(), StandardCharsets.UTF_8)), "the file content is shown");
        }
    }

    private Sent send(WebClient browser, String label, byte[] file) throws Exception {
        String details = "Tamper test case " + label + ".";
        String reference = file == null
                ? SampleReports.sendBreach(server, browser, details)
                : SampleReports.sendBreach(server, browser, details, uploads, label + ".bin", file);
        long id = SampleReports.caseId(server, reference);
        String attachmentId = file == null ? null : SampleReports.attachmentId(server, id);
        return new Sent(id, details, attachmentId, file);
    }

    private RawHttp.Response get(String path) throws Exception {
        return RawHttp.get(port, path, Map.of("Cookie", cookie));
    }

    private RawHttp.Response download(Sent sent) throws Exception {
        return get("/cases/" + sent.id() + "/attachments/" + sent.attachmentId());
    }

    private Path file(Sent sent) {
        return SampleReports.attachmentFile(server, sent.attachmentId());
    }

    private void flipContentByte(long caseId) {
        byte[] content = server.app().database().read(h -> h.createQuery("SELECT content FROM report_case WHERE id = :id")
                .bind("id", caseId)
                .mapTo(byte[].class)
                .one());
        content[content.length / 2] ^= 0x01;
        server.app().database().write(h -> h.createUpdate("UPDATE report_case SET content = :content WHERE id = :id")
                .bind("content", content)
                .bind("id", caseId)
                .execute());
    }

    private void copyContent(long fromCaseId, long toCaseId) {
        server.app().database().write(h -> h.createUpdate(
                        "UPDATE report_case SET content = (SELECT content FROM report_case WHERE id = :from) WHERE id = :to")
                .bind("from", fromCaseId)
                .bind("to", toCaseId)
                .execute());
    }

    private static void flipFileByte(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
    }

    private static void truncate(Path file, long length) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(length < bytes.length, "nothing to cut from a file of " + bytes.length + " bytes");
        Files.write(file, Arrays.copyOf(bytes, (int) length));
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
