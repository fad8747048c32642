package org.sealbox.postbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.crypto.Sodium;
import org.sealbox.testing.PostboxUser;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sealbox.postbox.PostboxSteps.STRONG_PASSWORD;

/**
 * What a logged-in postbox reaches: its own case's attachments but no other case's, and a reply
 * form that stores one message however often it is sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostboxWebTest {

    private static final String OWN_PSEUDONYM = "Green Lynx 58";
    private static final String OTHER_PSEUDONYM = "Grey Stork 94";
    private static final byte[] OWN_FILE = "own evidence".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_FILE = "another case's evidence".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    private TestServer server;
    private String ownReference;
    private String otherReference;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
        ownReference = PostboxSteps.reportWithPostbox(server, "Own report about a lost laptop.",
                Files.write(uploads.resolve("own.txt"), OWN_FILE), OWN_PSEUDONYM, STRONG_PASSWORD);
        otherReference = PostboxSteps.reportWithPostbox(server, "Other report about a misdirected letter.",
                Files.write(uploads.resolve("other.txt"), OTHER_FILE), OTHER_PSEUDONYM, STRONG_PASSWORD);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void foreignAttachmentNotFound() throws Exception {
        String ownAttachment = SampleReports.attachmentId(server, SampleReports.caseId(server, ownReference));
        String otherAttachment = SampleReports.attachmentId(server, SampleReports.caseId(server, otherReference));
        Path otherFile = SampleReports.attachmentFile(server, otherAttachment);
        byte[] storedBefore = Files.readAllBytes(otherFile);
        String cookie = PostboxSteps.loggedInCookie(server, OWN_PSEUDONYM, STRONG_PASSWORD);

        RawHttp.Response own = PostboxSteps.getPublic(server, "/postbox/attachments/" + ownAttachment, cookie);
        RawHttp.Response foreign = PostboxSteps.getPublic(server, "/postbox/attachments/" + otherAttachment, cookie);
        RawHttp.Response inbox = PostboxSteps.getPublic(server, "/postbox/inbox", cookie);

        assertEquals(200, own.status(), "the postbox downloads its own report's file");
        assertArrayEquals(OWN_FILE, own.body(), "own file content");
        assertEquals(404, foreign.status(), "another case's attachment is not found");
        assertFalse(foreign.text().contains("another case's evidence"), "no content of the other file");
        assertArrayEquals(storedBefore, Files.readAllBytes(otherFile), "the other encrypted file is unchanged");
        assertEquals(otherAttachment, SampleReports.attachmentId(server, SampleReports.caseId(server, otherReference)),
                "the other case keeps its attachment row");
        assertEquals(200, inbox.status(), "the session still works after the 404");
        assertFalse(inbox.text().contains("misdirected letter"), "the inbox shows nothing of the other case");

        String otherCookie = PostboxSteps.loggedInCookie(server, OTHER_PSEUDONYM, STRONG_PASSWORD);
        RawHttp.Response byOwner = PostboxSteps.getPublic(server, "/postbox/attachments/" + otherAttachment, otherCookie);
        assertEquals(200, byOwner.status(), "the other case's owner still downloads the file");
        assertArrayEquals(OTHER_FILE, byOwner.body(), "the other file's content is intact");
    }

    @Test
    void madeUpAttachmentNotFound() throws Exception {
        String cookie = PostboxSteps.loggedInCookie(server, OWN_PSEUDONYM, STRONG_PASSWORD);
        String madeUp = HexFormat.of().formatHex(Sodium.get().randomBytes(16));

        RawHttp.Response response = PostboxSteps.getPublic(server, "/postbox/attachments/" + madeUp, cookie);

        assertEquals(404, response.status(), "an unknown attachment id is not found");
        assertEquals("no-store", response.header("Cache-Control").orElse(""));
    }

    @Test
    void repeatedReplyStoredOnce() throws Exception {
        int before = PostboxSteps.messageCount(server, ownReference);
        Path file = Files.write(uploads.resolve("second-mail.txt"), "second mail".getBytes(StandardCharsets.UTF_8));
        try (WebClient browser = TestServer.browser()) {
            HtmlPage inbox = new PostboxUser(browser, server).login(OWN_PSEUDONYM, STRONG_PASSWORD);
            assertEquals("/postbox/inbox", inbox.getUrl().getPath(), inbox.asNormalizedText());

            HtmlPage first = PostboxUser.reply(inbox, "It happened on the 3rd of May.", file);
            HtmlPage second = Reporter.submit(Reporter.formWith(inbox, "reply"), null);
            HtmlPage refreshed = (HtmlPage) second.refresh();

            assertTrue(first.asNormalizedText().contains("Your answer was sent."), first.asNormalizedText());
            assertEquals("/postbox/inbox", second.getUrl().getPath(), "the repeated POST lands on the inbox");
            assertEquals(200, refreshed.getWebResponse().getStatusCode(), "refreshing the inbox works");
            assertEquals(1, countOccurrences(refreshed.asNormalizedText(), "It happened on the 3rd of May."),
                    "the inbox shows the reply once");
        }
        assertEquals(before + 1, PostboxSteps.messageCount(server, ownReference), "exactly one message stored");
    }

    private static int countOccurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
