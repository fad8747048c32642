package org.sealbox.postbox;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.crypto.SecretBytes;
import org.sealbox.officer.CaseReader;
import org.sealbox.storage.AttachmentFiles;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Postbox input that must not end in a 500, and records whose toString must not show content. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewFindingsTest {

    private static final String PSEUDONYM = "Silver Otter 31";
    private static final String FILE_NAME = "payroll-march.xlsx";

    @TempDir
    static Path dataDir;

    private TestServer server;
    private String reference;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
        reference = PostboxSteps.reportWithPostbox(server, "A laptop with payroll data was left on a train.", null,
                PSEUDONYM, PostboxSteps.STRONG_PASSWORD);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void replyWithGarbledAttachmentKey() throws Exception {
        String cookie = PostboxSteps.loggedInCookie(server, PSEUDONYM, PostboxSteps.STRONG_PASSWORD);
        String csrf = PostboxSteps.getPublic(server, "/postbox/inbox", cookie).csrf();
        int before = PostboxSteps.messageCount(server, reference);

        RawHttp.Response response = RawHttp.postForm(server.app().publicPort(), "/postbox/reply",
                Map.of("Cookie", cookie), Map.of(
                        "csrf", csrf,
                        "submission", "garbled-key-1",
                        "reply", "See the attached file.",
                        "attachment.id", "0123456789abcdef0123456789abcdef",
                        "attachment.key", "not*base64!",
                        "attachment.name", "list.txt",
                        "attachment.size", "12"));

        assertEquals(422, response.status(), response.text());
        assertTrue(response.text().contains("See the attached file."), "the typed text is kept");
        assertEquals(before, PostboxSteps.messageCount(server, reference), "nothing is stored");
    }

    @Test
    void attachmentRecordsHideContent() {
        SecretBytes key = SecretBytes.wrap(new byte[32]);
        String sha256 = "ab".repeat(32);
        Map<String, Object> records = Map.of(
                "Conversation.Attachment", new Conversation.Attachment("id1", FILE_NAME, 12, sha256),
                "Conversation.NewAttachment", new Conversation.NewAttachment("id1", key, FILE_NAME),
                "CaseReader.Download", new CaseReader.Download(FILE_NAME, new byte[] {1, 2, 3}),
                "AttachmentFiles.Stored", new AttachmentFiles.Stored("id1", key, 12, sha256));

        records.forEach((name, record) -> {
            assertFalse(record.toString().contains(FILE_NAME), name + " shows the file name: " + record);
            assertFalse(record.toString().contains(sha256), name + " shows the SHA-256: " + record);
        });
    }
}
