package org.sealbox.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.htmlunit.util.WebConnectionWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.LogCapture;
import org.sealbox.testing.Officer;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a report is sent and read, with a failed log-in and a 404 on the way, the log has the
 * start line but no client address, user agent, reference number, session id or CSRF token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogPrivacyTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String TYPED_USERNAME = "someone-typed-this";
    /** The start of each formatted record: the timestamp of logging.properties' format. */
    private static final Pattern RECORD_START = Pattern.compile("(?m)^(?=\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2} )");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    private LogCapture logs;
    private TestServer server;
    private String reference;
    private final List<String> secrets = new ArrayList<>();

    @BeforeAll
    void reportAndRead() throws Exception {
        logs = new LogCapture();
        server = TestServer.startWithOfficer(dataDir);
        try (WebClient reporter = collecting(TestServer.browser());
             WebClient officer = collecting(TestServer.browser())) {
            reference = SampleReports.sendBreach(server, reporter, "Log privacy report.", uploads, "scan.pdf",
                    "%PDF-1.4 log privacy".getBytes(StandardCharsets.UTF_8));

            HtmlPage failed = new Officer(officer, server).login(TYPED_USERNAME, "a wrong password");
            assertTrue(failed.asNormalizedText().contains("The username, password or code is wrong."));
            HtmlPage cases = new Officer(officer, server).login();
            HtmlPage casePage = new Officer(officer, server).openCase(cases, reference);
            new Officer(officer, server).download(casePage, "scan.pdf");
        }
        RawHttp.get(server.app().publicPort(), "/no-such-page");
        RawHttp.get(server.app().publicPort(), "/%zz");
    }

    @AfterAll
    void stopServer() {
        server.close();
        logs.close();
    }

    @Test
    void logHasStartLine() {
        assertTrue(productLog().contains("Sealbox started"), productLog());
    }

    @Test
    void logHasNoClientAddress() {
        String log = productLog();

        assertFalse(Pattern.compile("127\\.0\\.0\\.1:\\d+").matcher(log).find(), log);
        assertFalse(Pattern.compile("localhost:\\d+").matcher(log).find(), log);
        assertFalse(log.contains("/127.0.0.1"), log);
    }

    @Test
    void logHasNoUserAgent() {
        String log = productLog();

        assertFalse(log.contains(BrowserVersion.FIREFOX.getUserAgent()), log);
        assertFalse(log.contains("Mozilla/"), log);
        assertFalse(log.contains("Firefox"), log);
    }

    @Test
    void logHasNoReferenceNumber() {
        String log = productLog();

        assertFalse(log.contains(reference), log);
        assertFalse(log.contains(reference.replace("-", "")), log);
    }

    @Test
    void logHasNoSessionSecrets() {
        String log = productLog();

        assertTrue(secrets.size() >= 4, "session ids and CSRF tokens collected: " + secrets.size());
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a session id or CSRF token is in the log");
        }
    }

    @Test
    void logHasNoTypedInput() {
        String log = productLog();

        assertFalse(log.contains(TYPED_USERNAME), log);
        assertFalse(log.contains("Log privacy report."), log);
        assertFalse(log.contains("scan.pdf"), log);
    }

    /** Returns the captured log without the records of HtmlUnit, which logs what the test browser receives. */
    private String productLog() {
        StringBuilder product = new StringBuilder();
        for (String record : RECORD_START.split(logs.text())) {
            String header = record.lines().findFirst().orElse("");
            if (!header.contains(" org.htmlunit.")) {
                product.append(record);
            }
        }
        return product.toString();
    }

    /** Records every session id and CSRF token the browser receives. */
    private WebClient collecting(WebClient browser) {
        new WebConnectionWrapper(browser) {
            @Override
            public WebResponse getResponse(WebRequest request) throws IOException {
                WebResponse response = super.getResponse(request);
                for (NameValuePair header : response.getResponseHeaders()) {
                    if (header.getName().equalsIgnoreCase("Set-Cookie")) {
                        String pair = header.getValue().split(";", 2)[0];
                        String value = pair.substring(pair.indexOf('=') + 1);
                        if (!value.isEmpty()) {
                            secrets.add(value);
                        }
                    }
                }
                if (response.getContentType().contains("html")) {
                    Matcher m = CSRF.matcher(response.getContentAsString());
                    while (m.find()) {
                        secrets.add(m.group(1));
                    }
                }
                return response;
            }
        };
        return browser;
    }
}
