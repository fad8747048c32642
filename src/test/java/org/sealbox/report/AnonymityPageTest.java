package org.sealbox.report;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.RawHttp;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reporters' page on staying anonymous: served on the public listener without script or links
 * to other hosts, linked from the landing page and the advice page, absent on the admin listener.
 */
class AnonymityPageTest {

    private static final Pattern FOREIGN_URL = Pattern.compile("(?i)(https?:)?//([^/\"'\\s>]+)");

    @TempDir
    Path dataDir;

    @Test
    void anonymityPageRendersAndIsLinked() throws Exception {
        try (TestServer server = TestServer.startWithOfficer(dataDir)) {
            int port = server.app().publicPort();

            RawHttp.Response page = RawHttp.get(port, "/anonymity");
            assertEquals(200, page.status());
            String html = page.text();
            assertTrue(html.contains("<h1>Staying anonymous</h1>"), html);
            assertTrue(html.contains("Safest"), "mentions Tor Browser's Safest level");
            assertTrue(html.contains("reference number"), "mentions the reference number");
            assertTrue(html.contains("postbox"), "mentions the postbox");
            assertFalse(html.toLowerCase().contains("<script"), "script on the page");
            Matcher url = FOREIGN_URL.matcher(html);
            assertFalse(url.find(), () -> "URL to another host: " + url.group());
            assertTrue(page.setCookies().isEmpty(), "the page sets no cookie");

            assertTrue(RawHttp.get(port, "/").text().contains("href=\"/anonymity\""), "linked from the landing page");
            assertTrue(RawHttp.get(port, "/report").text().contains("href=\"/anonymity\""), "linked from the advice page");

            assertEquals(404, RawHttp.get(server.app().adminPort(), "/anonymity").status());
        }
    }
}
