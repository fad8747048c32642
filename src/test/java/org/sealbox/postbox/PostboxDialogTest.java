package org.sealbox.postbox;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.Officer;
import org.sealbox.testing.PostboxUser;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole anonymous dialog with JavaScript off: report, postbox set-up, an officer's question,
 * the reporter's log-in and answer with a file, and the officer reading it byte for byte.
 */
class PostboxDialogTest {

    static final String PSEUDONYM = "Blue Heron 77";
    static final String PASSWORD = "orbit lantern cactus meadow";

    @TempDir
    Path dataDir;
    @TempDir
    Path uploads;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void reporterAndOfficerTalk() throws Exception {
        WebClient reporterBrowser = TestServer.browser();
        String reference = sendReportWithPostbox(reporterBrowser, server, PSEUDONYM, PASSWORD);

        WebClient officerBrowser = TestServer.browser();
        Officer officer = new Officer(officerBrowser, server);
        HtmlPage casePage = officer.openCase(officer.login(), reference);
        assertFalse(casePage.asNormalizedText().contains("has not set up a postbox"), "the case has a postbox");
        String question = "Which department sent the spreadsheet?";
        HtmlPage afterReply = Officer.reply(casePage, question);
        assertTrue(afterReply.asNormalizedText().contains(question), "the officer sees the question on the case page");

        WebClient laterBrowser = TestServer.browser();
        HtmlPage inbox = new PostboxUser(laterBrowser, server).login(PSEUDONYM, PASSWORD);
        assertEquals("/postbox/inbox", inbox.getUrl().getPath(), inbox.asNormalizedText());
        String text = inbox.asNormalizedText();
        assertTrue(text.contains(reference), "inbox shows the reference number");
        assertTrue(text.contains("Received"), "inbox shows the status");
        assertTrue(text.contains("A laptop with payroll data was left on a train."), "inbox shows the report first");
        assertTrue(text.indexOf("A laptop with payroll data") < text.indexOf(question), "report comes before the question");
        assertTrue(text.contains(question), "inbox shows the officer's question");

        byte[] file = new byte[70_000];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i * 31);
        }
        Path upload = uploads.resolve("Lohnliste März.xlsx");
        Files.write(upload, file);
        String answer = "It was the payroll office, third floor.";
        HtmlPage afterAnswer = PostboxUser.reply(inbox, answer, upload);
        assertEquals("/postbox/inbox", afterAnswer.getUrl().getPath());
        assertTrue(afterAnswer.asNormalizedText().contains("Your answer was sent."));
        assertTrue(afterAnswer.asNormalizedText().contains(answer));

        HtmlPage reread = officer.openCase(officerBrowser.getPage(server.adminUrl("/cases")), reference);
        assertTrue(reread.asNormalizedText().contains(answer), "the officer reads the answer");
        assertTrue(reread.asNormalizedText().contains("Lohnliste März.xlsx"), "the officer sees the file name");
        byte[] downloaded;
        try (InputStream in = officer.download(reread, "Lohnliste März.xlsx").getWebResponse().getContentAsStream()) {
            downloaded = in.readAllBytes();
        }
        assertEquals(sha256(file), sha256(downloaded), "the file arrives byte-identical");

        HtmlPage loggedOut = PostboxUser.logout(afterAnswer);
        assertTrue(loggedOut.asNormalizedText().contains("You are logged out."));
        HtmlPage back = laterBrowser.getPage(server.publicUrl("/postbox/inbox"));
        assertEquals("/postbox", back.getUrl().getPath(), "the inbox needs a new log-in");
        assertFalse(back.asNormalizedText().contains(answer), "no content after log-out");

        reporterBrowser.close();
        officerBrowser.close();
        laterBrowser.close();
    }

    @Test
    void requesterReceivesAnswer() throws Exception {
        WebClient browser = TestServer.browser();
        HtmlPage form = Reporter.chooseKind(new Reporter(browser, server).startReport(), "request");
        Reporter.fill(form, Map.of(
                "right", List.of("access"),
                "contact-name", List.of("Erika Mustermann"),
                "contact-address", List.of("erika@example.org"),
                "identification", List.of("Customer 4711")), "", null);
        HtmlPage receipt = Reporter.send(Reporter.review(form));
        String reference = Reporter.reference(receipt);
        PostboxUser.setUp(receipt, "quiet requester", PASSWORD);

        WebClient officerBrowser = TestServer.browser();
        Officer officer = new Officer(officerBrowser, server);
        Officer.reply(officer.openCase(officer.login(), reference), "We hold your address and order history; the copy follows.");

        HtmlPage inbox = new PostboxUser(TestServer.browser(), server).login("Quiet Requester", PASSWORD);
        assertTrue(inbox.asNormalizedText().contains("We hold your address and order history"));
        assertTrue(inbox.asNormalizedText().contains("Erika Mustermann"));
        browser.close();
        officerBrowser.close();
    }

    /** Sends a breach report and sets up its postbox; returns the reference number. */
    static String sendReportWithPostbox(WebClient browser, TestServer server, String pseudonym, String password)
            throws Exception {
        HtmlPage form = Reporter.chooseKind(new Reporter(browser, server).startReport(), "breach");
        Reporter.fill(form, Map.of(
                "breach-type", List.of("loss"),
                "occurred", List.of("last-week"),
                "noticed", List.of("last-week"),
                "data-categories", List.of("employee"),
                "people-affected", List.of("up-to-100"),
                "ongoing", List.of("no"),
                "source", List.of("observed"),
                "relation", List.of("employee")), "A laptop with payroll data was left on a train.", null);
        HtmlPage receipt = Reporter.send(Reporter.review(form));
        String reference = Reporter.reference(receipt);
        assertTrue(receipt.asNormalizedText().contains("Set up a postbox"), "receipt offers a postbox");
        assertTrue(receipt.asNormalizedText().contains("Nobody can recover"), "receipt warns that nothing can be recovered");
        HtmlPage done = PostboxUser.setUp(receipt, pseudonym, password);
        assertTrue(done.asNormalizedText().contains("Postbox ready"), done.asNormalizedText());
        return reference;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
