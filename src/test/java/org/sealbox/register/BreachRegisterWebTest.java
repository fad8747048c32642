package org.sealbox.register;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.json.Json;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.audit.AuditLog;
import org.sealbox.casework.CaseClock;
import org.sealbox.internal.InternalRecords;
import org.sealbox.internal.InternalSteps;
import org.sealbox.testing.MutableClock;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The breach register through the officer's pages: which cases and dates it lists, the CSV export
 * with formula neutralisation end to end, the printable page and the draft notification.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreachRegisterWebTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** 14:00 in Berlin (UTC+1) on 31 January 2025, so the 72 hours end on 3 February at 14:00. */
    private static final Instant RECEIVED = Instant.parse("2025-01-31T13:00:00Z");
    private static final Instant AWARE = Instant.parse("2025-03-28T13:00:00Z");
    private static final Instant NOTIFIED = Instant.parse("2025-03-30T08:15:00Z");
    private static final String CONTACT = "Data protection officer Dana Example, dpo@example.org";

    @TempDir
    static Path dataDir;

    private TestServer server;
    private String first;
    private String second;
    private String request;
    private WebClient browser;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of("sealbox.organisation.contact", CONTACT),
                new MutableClock(RECEIVED));
        try (WebClient reporter = TestServer.browser()) {
            first = SampleReports.sendBreach(server, reporter, "A laptop with the customer list was stolen.");
        }
        try (WebClient reporter = TestServer.browser()) {
            second = SampleReports.sendBreach(server, reporter, "Salary slips went to the wrong team.");
        }
        try (WebClient reporter = TestServer.browser()) {
            request = InternalSteps.sendRequest(server, reporter);
        }
        // The case workflow sets these columns; the register only reads them.
        server.app().database().write(h -> h.createUpdate("""
                        UPDATE report_case SET aware_at = :aware, authority_decision = 'notify',
                               authority_notified_at = :notified WHERE reference = :reference""")
                .bind("aware", AWARE.getEpochSecond())
                .bind("notified", NOTIFIED.getEpochSecond())
                .bind("reference", second)
                .execute());
        long officerId = server.app().database().read(h -> h.createQuery("SELECT id FROM officer WHERE username = :username")
                .bind("username", TestServer.OFFICER).mapTo(Long.class).one());
        new InternalRecords(server.app().database(), new MutableClock(NOTIFIED)).seal(
                SampleReports.caseId(server, second), InternalRecords.AUTHORITY_DECISION, officerId,
                Json.createObjectBuilder().add("v", 1).add("decision", "notify").add("reason", "Salary data of 40 people")
                        .add("reference", "LDA-2025-0042").add("delayReason", "").build());

        try (WebClient officer = TestServer.browser()) {
            HtmlPage casePage = InternalSteps.casePage(officer, server, first);
            HtmlPage saved = InternalSteps.saveRegisterEntry(casePage, "=1+1", "+49 30 1234", "-15 EUR refund");
            assertEquals(200, saved.getWebResponse().getStatusCode(), saved.asNormalizedText());
            InternalSteps.assessRisk(saved, "medium", "high", "confirm", "", "");
        }
        // A raw POST, because a browser turns a lone CR in a text area into CRLF.
        int port = server.app().adminPort();
        String cookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String csrf = RawHttp.get(port, "/cases", Map.of("Cookie", cookie)).csrf();
        RawHttp.Response raw = RawHttp.postForm(port, "/cases/" + SampleReports.caseId(server, second) + "/register-entry",
                Map.of("Cookie", cookie),
                Map.of("csrf", csrf, "basis", "", "facts", "@SUM(A1)", "effects", "\tTabbed start", "remedial", "\rCarriage start"));
        assertEquals(303, raw.status(), raw.text());
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void openBrowser() throws IOException {
        browser = TestServer.browser();
        InternalSteps.casePage(browser, server, first);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void registerListsBreachCasesWithDates() throws Exception {
        HtmlPage page = browser.getPage(server.adminUrl("/register"));
        String text = page.asNormalizedText();

        assertEquals(200, page.getWebResponse().getStatusCode(), text);
        assertTrue(text.contains(first), "first breach case listed");
        assertTrue(text.contains(second), "second breach case listed");
        assertFalse(text.contains(request), "information requests are not in the breach register");
        assertTrue(text.contains("received: 2025-01-31 14:00 · aware since: 2025-01-31 14:00 · notification due: 2025-02-03 14:00"),
                "the first case's dates:\n" + text);
        String secondDue = SHOWN.format(new CaseClock(BERLIN).legalClock().breachNotification(AWARE).due());
        assertTrue(text.contains("aware since: 2025-03-28 14:00 · notification due: " + secondDue),
                "the second case's awareness and deadline:\n" + text);
        assertTrue(text.contains("Notify the authority"), "the authority decision");
        assertTrue(text.contains("Reason: Salary data of 40 people"), "the reason of the authority decision");
        assertTrue(text.contains("authority's reference: LDA-2025-0042"), "the authority's reference");
        assertTrue(text.contains(SHOWN.format(NOTIFIED.atZone(BERLIN))), "the notification date");
        assertTrue(text.contains("Notify the supervisory authority (Art. 33)"), "the risk assessment result");
        assertTrue(text.contains("-15 EUR refund"), "the register entry");
    }

    @Test
    void csvNeutralisesFormulas() throws Exception {
        int exportsBefore = InternalSteps.auditCount(server, AuditLog.EXPORT);

        Page download = browser.getPage(server.adminUrl("/register.csv"));

        assertEquals(200, download.getWebResponse().getStatusCode());
        assertTrue(download.getWebResponse().getResponseHeaderValue("Content-Type").startsWith("text/csv"));
        String disposition = download.getWebResponse().getResponseHeaderValue("Content-Disposition");
        assertTrue(disposition.startsWith("attachment; filename=\"breach-register-2025-01-31.csv\""), disposition);
        byte[] bytes;
        try (InputStream in = download.getWebResponse().getContentAsStream()) {
            bytes = in.readAllBytes();
        }
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 BOM first");
        List<List<String>> records = parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertEquals(3, records.size(), "header and one row per breach case");
        List<String> header = records.get(0);
        List<String> firstRow = row(records, first);
        List<String> secondRow = row(records, second);

        assertEquals("'=1+1", cell(header, firstRow, "Facts"));
        assertEquals("'+49 30 1234", cell(header, firstRow, "Effects"));
        assertEquals("'-15 EUR refund", cell(header, firstRow, "Remedial action"));
        assertTrue(cell(header, firstRow, "Remedial action").contains("-15 EUR refund"), "still readable");
        assertEquals("'@SUM(A1)", cell(header, secondRow, "Facts"));
        assertEquals("'\tTabbed start", cell(header, secondRow, "Effects"));
        assertEquals("'\rCarriage start", cell(header, secondRow, "Remedial action"));
        assertEquals("2025-02-03 14:00", cell(header, firstRow, "Notification due (Europe/Berlin)"));
        assertEquals(SHOWN.format(NOTIFIED.atZone(BERLIN)), cell(header, secondRow, "Authority notified (Europe/Berlin)"));
        assertEquals("LDA-2025-0042", cell(header, secondRow, "Authority's reference"));
        assertEquals("Notify the authority", cell(header, secondRow, "Authority decision"));
        for (List<String> record : records) {
            for (String value : record) {
                assertFalse(!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0,
                        "a cell starts a formula: " + value);
            }
        }
        assertEquals(exportsBefore + 1, InternalSteps.auditCount(server, AuditLog.EXPORT), "export audited");
    }

    @Test
    void printablePageHasNoScript() throws Exception {
        int exportsBefore = InternalSteps.auditCount(server, AuditLog.EXPORT);

        HtmlPage page = browser.getPage(server.adminUrl("/register/print"));
        String html = page.getWebResponse().getContentAsString();

        assertEquals(200, page.getWebResponse().getStatusCode());
        assertTrue(page.asNormalizedText().contains("-15 EUR refund"), "the entries are printed");
        assertFalse(html.toLowerCase().contains("<script"), "no script element");
        assertFalse(Pattern.compile("(?i)(src|href|action)\\s*=\\s*\"(https?:)?//").matcher(html).find(),
                "no external URL:\n" + html);
        assertFalse(html.contains("http://") || html.contains("https://"), "no absolute URL");
        assertTrue(browser.getPage(server.adminUrl("/static/sealbox.css")).getWebResponse().getContentAsString()
                .contains("@media print"), "the stylesheet has print rules");
        assertEquals(exportsBefore + 1, InternalSteps.auditCount(server, AuditLog.EXPORT), "print audited");
    }

    @Test
    void draftHasFourArticle33Parts() throws Exception {
        int viewsBefore = InternalSteps.auditCount(server, AuditLog.CASE_VIEW);

        HtmlPage page = browser.getPage(server.adminUrl("/cases/" + SampleReports.caseId(server, first)
                + "/notification-draft"));
        HtmlTextArea area = (HtmlTextArea) page.getElementById("draft-text");
        String draft = area.getText();

        assertEquals(200, page.getWebResponse().getStatusCode(), page.asNormalizedText());
        assertTrue(area.isReadOnly(), "read-only text area");
        int a = draft.indexOf("(a) Nature of the breach");
        int b = draft.indexOf("(b) Contact point");
        int c = draft.indexOf("(c) Likely consequences");
        int d = draft.indexOf("(d) Measures taken or proposed");
        assertTrue(a >= 0, "part (a):\n" + draft);
        assertTrue(a < b, "part (b) after (a):\n" + draft);
        assertTrue(b < c, "part (c) after (b):\n" + draft);
        assertTrue(c < d, "part (d) after (c):\n" + draft);
        String partA = draft.substring(a, b);
        assertTrue(partA.contains("Someone saw or received data they should not have"), "breach type: " + partA);
        assertTrue(partA.contains("Employee records"), "data categories: " + partA);
        assertTrue(partA.contains("11 to 100"), "number of people: " + partA);
        assertTrue(partA.contains("=1+1"), "the register facts: " + partA);
        assertTrue(draft.substring(b, c).contains(CONTACT), "the configured contact point");
        String partC = draft.substring(c, d);
        assertTrue(partC.contains("+49 30 1234"), "the register effects: " + partC);
        assertTrue(partC.contains("likelihood Medium, severity High"), "the risk assessment: " + partC);
        assertTrue(draft.substring(d).contains("-15 EUR refund"), "the remedial action");
        assertTrue(draft.contains(first), "our reference");
        assertEquals(viewsBefore + 1, InternalSteps.auditCount(server, AuditLog.CASE_VIEW), "viewing is audited");
    }

    @Test
    void draftOnlyForBreachCases() throws Exception {
        Page page = browser.getPage(server.adminUrl("/cases/" + SampleReports.caseId(server, request)
                + "/notification-draft"));

        assertEquals(404, page.getWebResponse().getStatusCode());
    }

    @Test
    void registerNeedsLogIn() throws Exception {
        try (WebClient anonymous = TestServer.browser()) {
            for (String path : List.of("/register", "/register.csv", "/register/print")) {
                Page page = anonymous.getPage(server.adminUrl(path));
                assertEquals("/login", page.getUrl().getPath(), path + " sends to the log-in page");
            }
        }
    }

    private static List<String> row(List<List<String>> records, String reference) {
        return records.stream().filter(record -> record.getFirst().equals(reference)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + reference + " in " + records));
    }

    private static String cell(List<String> header, List<String> row, String column) {
        int index = header.indexOf(column);
        assertTrue(index >= 0, "no column " + column + " in " + header);
        return row.get(index);
    }

    /** Parses RFC 4180 CSV with CRLF record ends; quoted fields may contain anything. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char ch = csv.charAt(i);
            if (ch == '"') {
                i++;
                while (true) {
                    char q = csv.charAt(i);
                    if (q == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        field.append(q);
                        i++;
                    }
                }
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (csv.startsWith("\r\n", i)) {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                field.append(ch);
                i++;
            }
        }
        return records;
    }
}
