package org.sealbox.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.sealbox.testing.RawHttp;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every response of both listeners carries the security headers: pages, redirects, error pages,
 * static files, the challenge image and attachment downloads, and the 400 that the HTTP layer
 * sends for a request it cannot parse. Session cookies carry their flags on both listeners.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersTest {

    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String FILE_NAME = "Prüfbericht 日本語 (1)*.pdf";
    /** What RFC 8187 allows unencoded in an extended parameter value (attr-char), besides letters and digits. */
    private static final String ATTR_CHAR_SYMBOLS = "!#$&+-.^_`|~";
    private static final byte[] FILE_CONTENT = "%PDF-1.4\nheaders test\n%%EOF\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path uploads;

    private TestServer server;
    private int publicPort;
    private int adminPort;
    private String officerCookie;
    private long caseId;
    private String attachmentId;
    private long brokenCaseId;
    private String brokenAttachmentId;
    private List<Probe> probes;

    /** One response to check, with whether it is a static file that may be cached. */
    record Probe(String label, RawHttp.Response response, boolean cacheable) {
        @Override
        public String toString() {
            return label + " -> " + response.status();
        }
    }

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
        publicPort = server.app().publicPort();
        adminPort = server.app().adminPort();
        try (WebClient browser = TestServer.browser()) {
            String reference = SampleReports.sendBreach(server, browser, "Headers test report.", uploads,
                    FILE_NAME, FILE_CONTENT);
            caseId = SampleReports.caseId(server, reference);
            attachmentId = SampleReports.attachmentId(server, caseId);

            String broken = SampleReports.sendBreach(server, browser, "Report whose file goes missing.", uploads,
                    "gone.txt", "soon gone".getBytes(StandardCharsets.UTF_8));
            brokenCaseId = SampleReports.caseId(server, broken);
            brokenAttachmentId = SampleReports.attachmentId(server, brokenCaseId);
        }
        officerCookie = RawHttp.login(adminPort, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** Returns the responses to check, requested once and shared by the tests below. */
    Stream<Arguments> responses() throws Exception {
        if (probes == null) {
            probes = new ArrayList<>();
            probes.addAll(publicResponses());
            probes.addAll(adminResponses());
        }
        return probes.stream().map(Arguments::of);
    }

    private List<Probe> publicResponses() throws Exception {
        int port = publicPort;
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("public GET /", RawHttp.get(port, "/"), false));
        probes.add(new Probe("public GET /report", RawHttp.get(port, "/report"), false));
        probes.add(new Probe("public redirect", RawHttp.get(port, "/report/kind"), false));
        probes.add(new Probe("public 404", RawHttp.get(port, "/no-such-page"), false));
        probes.add(new Probe("public 404 under /static", RawHttp.get(port, "/static/missing.css"), false));
        probes.add(new Probe("public 400 unknown kind",
                RawHttp.postForm(port, "/report/send", Map.of(), Map.of("kind", "unknown")), false));
        probes.add(new Probe("public 400 without cookie",
                RawHttp.postForm(port, "/report/start", Map.of(), Map.of("challenge", "12345")), false));
        probes.add(new Probe("public 400 unparsable path", RawHttp.get(port, "/%zz"), false));
        probes.add(new Probe("public 413 declared too large", RawHttp.send(port, "POST", "/report/send",
                Map.of("Content-Length", "17000000"), new byte[0]), false));
        probes.add(new Probe("public stylesheet", RawHttp.get(port, "/static/sealbox.css"), true));

        RawHttp.Response start = RawHttp.get(port, "/report");
        String cookie = "sealbox=" + start.setCookies().get("sealbox");
        probes.add(new Probe("public challenge image",
                RawHttp.get(port, "/challenge.png", Map.of("Cookie", cookie)), false));

        RawHttp.PublicSession session = RawHttp.passChallenge(port);
        probes.add(new Probe("public 422 incomplete form", RawHttp.postForm(port, "/report/form/breach",
                Map.of("Cookie", session.cookie()), Map.of("csrf", session.csrf(), "details", "")), false));
        return probes;
    }

    private List<Probe> adminResponses() throws Exception {
        int port = adminPort;
        Map<String, String> signedIn = Map.of("Cookie", officerCookie);
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("admin GET /login", RawHttp.get(port, "/login"), false));
        probes.add(new Probe("admin redirect", RawHttp.get(port, "/cases"), false));
        probes.add(new Probe("admin 404", RawHttp.get(port, "/no-such-page"), false));
        probes.add(new Probe("admin 404 setup link", RawHttp.get(port, "/setup/not-a-token"), false));
        probes.add(new Probe("admin 400 without cookie",
                RawHttp.postForm(port, "/login", Map.of(), Map.of("username", "x", "password", "y")), false));
        probes.add(new Probe("admin 400 unparsable path", RawHttp.get(port, "/cases/%zz"), false));
        probes.add(new Probe("admin stylesheet", RawHttp.get(port, "/static/sealbox.css"), true));

        RawHttp.Response login = RawHttp.get(port, "/login");
        probes.add(new Probe("admin 401 wrong password", RawHttp.postForm(port, "/login",
                Map.of("Cookie", "sealbox_admin=" + login.setCookies().get("sealbox_admin")),
                Map.of("csrf", login.csrf(), "username", TestServer.OFFICER, "password", "wrong password!")), false));

        probes.add(new Probe("admin case list", RawHttp.get(port, "/cases", signedIn), false));
        probes.add(new Probe("admin case page", RawHttp.get(port, "/cases/" + caseId, signedIn), false));
        probes.add(new Probe("admin download",
                RawHttp.get(port, "/cases/" + caseId + "/attachments/" + attachmentId, signedIn), false));
        probes.add(new Probe("admin 404 case", RawHttp.get(port, "/cases/999999", signedIn), false));

        Files.deleteIfExists(SampleReports.attachmentFile(server, brokenAttachmentId));
        probes.add(new Probe("admin 500 missing file",
                RawHttp.get(port, "/cases/" + brokenCaseId + "/attachments/" + brokenAttachmentId, signedIn), false));

        String logoutCookie = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String csrf = RawHttp.get(port, "/cases", Map.of("Cookie", logoutCookie)).csrf();
        probes.add(new Probe("admin logout redirect", RawHttp.postForm(port, "/logout",
                Map.of("Cookie", logoutCookie), Map.of("csrf", csrf)), false));
        return probes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void everyResponseHasSecurityHeaders(Probe probe) {
        RawHttp.Response response = probe.response();

        assertEquals(Optional.of(CSP), response.header("Content-Security-Policy"));
        assertEquals(Optional.of("no-referrer"), response.header("Referrer-Policy"));
        assertEquals(Optional.of("nosniff"), response.header("X-Content-Type-Options"));
        assertEquals(Optional.of("DENY"), response.header("X-Frame-Options"));
        assertEquals(Optional.of("same-origin"), response.header("Cross-Origin-Opener-Policy"));
        assertEquals(Optional.of("same-origin"), response.header("Cross-Origin-Resource-Policy"));
        assertTrue(response.header("Permissions-Policy").isPresent(), "Permissions-Policy missing");
        assertEquals(Optional.empty(), response.header("Server"));
        assertEquals(Optional.empty(), response.header("X-Powered-By"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void dynamicResponsesAreNotStored(Probe probe) {
        RawHttp.Response response = probe.response();
        boolean staticFile = probe.cacheable() && response.status() == 200;

        if (!staticFile) {
            assertEquals(Optional.of("no-store"), response.header("Cache-Control"));
        }
    }

    @Test
    void probesHitTheIntendedStatuses() throws Exception {
        List<Integer> statuses = responses().map(arguments -> ((Probe) arguments.get()[0]).response().status())
                .distinct().sorted().toList();

        assertEquals(List.of(200, 303, 400, 401, 404, 413, 422, 500), statuses);
    }

    @Test
    void downloadIsAttachmentWithUtf8Name() throws Exception {
        RawHttp.Response response = RawHttp.get(adminPort, "/cases/" + caseId + "/attachments/" + attachmentId,
                Map.of("Cookie", officerCookie));
        String disposition = response.header("Content-Disposition").orElse("");

        assertEquals(200, response.status());
        assertEquals(Optional.of("application/octet-stream"), response.header("Content-Type"));
        assertTrue(disposition.startsWith("attachment;"), disposition);
        assertEquals(FILE_NAME, extendedFileName(disposition));
        assertTrue(isAttrValue(encodedFileName(disposition)), disposition);
        assertTrue(asciiFileName(disposition).chars().allMatch(c -> c >= 0x20 && c < 0x7f), disposition);
        assertEquals(HexFormat.of().formatHex(FILE_CONTENT), HexFormat.of().formatHex(response.body()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"public, /report, sealbox", "admin, /login, sealbox_admin"})
    void sessionCookieHasFlags(String listener, String path, String cookieName) throws Exception {
        int port = listener.equals("public") ? publicPort : adminPort;

        String cookie = RawHttp.get(port, path).setCookieLine(cookieName).orElse("");
        List<String> attributes = attributes(cookie);

        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=strict"), cookie);
        assertTrue(attributes.contains("path=/"), cookie);
        assertFalse(attributes.contains("secure"), "Secure over plain http to 127.0.0.1: " + cookie);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"public, /report, sealbox", "admin, /login, sealbox_admin"})
    void onionHostGetsSecureCookie(String listener, String path, String cookieName) throws Exception {
        int port = listener.equals("public") ? publicPort : adminPort;

        String cookie = RawHttp.get(port, path, Map.of("Host", "exampleonionaddress.onion"))
                .setCookieLine(cookieName).orElse("");
        List<String> attributes = attributes(cookie);

        assertTrue(attributes.contains("secure"), cookie);
        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=strict"), cookie);
        assertTrue(attributes.contains("path=/"), cookie);
    }

    @Test
    void loginCookieHasFlags() throws Exception {
        RawHttp.Response page = RawHttp.get(adminPort, "/login");
        RawHttp.Response result = RawHttp.postForm(adminPort, "/login",
                Map.of("Cookie", "sealbox_admin=" + page.setCookies().get("sealbox_admin")),
                Map.of("csrf", page.csrf(), "username", TestServer.OFFICER, "password", TestServer.OFFICER_PASSWORD,
                        "code", server.totpCode(TestServer.OFFICER)));
        List<String> attributes = attributes(result.setCookieLine("sealbox_admin").orElse(""));

        assertEquals(303, result.status());
        assertTrue(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.contains("samesite=strict"), attributes.toString());
        assertTrue(attributes.contains("path=/"), attributes.toString());
    }

    /** Returns the attributes after name=value, lower case and trimmed. */
    private static List<String> attributes(String setCookie) {
        List<String> attributes = new ArrayList<>();
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            attributes.add(parts[i].strip().toLowerCase(Locale.ROOT));
        }
        return attributes;
    }

    /** Returns the {@code filename*} value as sent, without its {@code UTF-8''} prefix. */
    private static String encodedFileName(String disposition) {
        String marker = "filename*=UTF-8''";
        int start = disposition.indexOf(marker);
        if (start < 0) {
            return "";
        }
        return disposition.substring(start + marker.length()).split(";")[0].strip();
    }

    /** Checks that a value has only attr-chars and %XX escapes, as RFC 8187 requires. */
    private static boolean isAttrValue(String encoded) {
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (c == '%') {
                i += 2;
            } else if (!letterOrDigit && ATTR_CHAR_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns the RFC 8187 {@code filename*} value, percent-decoded as UTF-8. */
    private static String extendedFileName(String disposition) {
        String encoded = encodedFileName(disposition);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Returns the quoted {@code filename} fallback value. */
    private static String asciiFileName(String disposition) {
        int start = disposition.indexOf("filename=\"");
        if (start < 0) {
            return "";
        }
        int end = disposition.indexOf('"', start + "filename=\"".length());
        return disposition.substring(start + "filename=\"".length(), end);
    }
}
