package org.sealbox.web;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.config.ConfigException;
import org.sealbox.onion.OnionAddress;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sealbox.onion-location: the header on public responses only, and validation at start. */
class OnionLocationHeaderTest {

    @TempDir
    Path dir;

    private static OnionAddress address() {
        byte[] key = new byte[32];
        new Random(80).nextBytes(key);
        return OnionAddress.fromPublicKey(key);
    }

    @Test
    void publicResponsesCarryHeaderWithPath() throws Exception {
        String origin = "http://" + address().host();
        try (TestServer server = TestServer.start(dir, Map.of("sealbox.onion-location", origin + "/"),
                Clock.systemUTC())) {
            int port = server.app().publicPort();

            assertEquals(origin + "/", RawHttp.get(port, "/").header("Onion-Location").orElseThrow());
            assertEquals(origin + "/static/sealbox.css",
                    RawHttp.get(port, "/static/sealbox.css").header("Onion-Location").orElseThrow());
            RawHttp.Response missing = RawHttp.get(port, "/no/such/page?x=1");
            assertEquals(404, missing.status());
            assertEquals(origin + "/no/such/page?x=1", missing.header("Onion-Location").orElseThrow());
        }
    }

    @Test
    void adminResponsesHaveNoHeader() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of("sealbox.onion-location", "http://" + address().host()),
                Clock.systemUTC())) {
            int port = server.app().adminPort();

            assertEquals(0, RawHttp.get(port, "/login").all("Onion-Location").size());
            assertEquals(0, RawHttp.get(port, "/").all("Onion-Location").size());
            assertEquals(0, RawHttp.get(port, "/no/such/page").all("Onion-Location").size());
        }
    }

    @Test
    void noHeaderByDefault() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            assertEquals(0, RawHttp.get(server.app().publicPort(), "/").all("Onion-Location").size());
        }
    }

    @Test
    void upperCaseAddressIsNormalised() throws Exception {
        String origin = "http://" + address().host();
        try (TestServer server = TestServer.start(dir, Map.of("sealbox.onion-location", origin.toUpperCase()),
                Clock.systemUTC())) {
            assertEquals(origin + "/", RawHttp.get(server.app().publicPort(), "/").header("Onion-Location").orElseThrow());
        }
    }

    @Test
    void invalidAddressStopsStart() {
        for (String value : new String[] {
                "https://" + address().host(),
                address().host(),
                "http://example.org",
                "http://" + address().label().substring(1) + "a.onion",
                "http://" + address().host() + "/path"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> TestServer.start(dir, Map.of("sealbox.onion-location", value), Clock.systemUTC()).close(),
                    value);
            assertTrue(e.getMessage().startsWith("sealbox.onion-location is"), e.getMessage());
            assertTrue(e.getMessage().contains("expected http://<56 characters>.onion"), e.getMessage());
        }
    }
}
