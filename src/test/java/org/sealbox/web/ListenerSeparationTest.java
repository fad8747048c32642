package org.sealbox.web;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.sealbox.testing.RawHttp;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The officers' routes exist only on the admin listener and the reporters' routes only on the
 * public one. A route of the other listener gets the same generic 404 page as any unknown path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerSeparationTest {

    private static final String NOT_FOUND_TEXT = "There is no page at this address.";

    @TempDir
    static Path dataDir;
    private TestServer server;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /login", "POST, /login",
            "GET, /logout", "POST, /logout",
            "GET, /setup/some-token", "POST, /setup/some-token",
            "GET, /cases", "POST, /cases",
            "GET, /cases/1", "POST, /cases/1",
            "GET, /cases/1/attachments/x", "POST, /cases/1/attachments/x"})
    void adminRouteAbsentOnPublicPort(String method, String path) throws Exception {
        RawHttp.Response response = RawHttp.send(server.app().publicPort(), method, path, Map.of(), new byte[0]);

        assertEquals(404, response.status());
        assertTrue(response.text().contains(NOT_FOUND_TEXT), response.text());
        assertFalse(response.text().contains("Officer"), "the 404 page mentions officers");
        assertTrue(response.setCookies().isEmpty(), "cookies set: " + response.setCookies());
    }

    /** Each admin route responds with its own page or redirect, never the generic 404 page. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /login, 200",
            "POST, /login, 400",
            "POST, /logout, 303",
            "GET, /setup/some-token, 404",
            "POST, /setup/some-token, 404",
            "GET, /cases, 303",
            "GET, /cases/1, 303",
            "GET, /cases/1/attachments/x, 303"})
    void adminRouteExistsOnAdminPort(String method, String path, int status) throws Exception {
        RawHttp.Response response = RawHttp.send(server.app().adminPort(), method, path, Map.of(), new byte[0]);

        assertEquals(status, response.status());
        assertFalse(response.text().contains(NOT_FOUND_TEXT), response.text());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /report", "POST, /report",
            "GET, /report/form/breach", "POST, /report/form/breach",
            "GET, /report/send", "POST, /report/send",
            "GET, /challenge.png"})
    void publicRouteAbsentOnAdminPort(String method, String path) throws Exception {
        RawHttp.Response response = RawHttp.send(server.app().adminPort(), method, path, Map.of(), new byte[0]);

        assertEquals(404, response.status());
        assertTrue(response.text().contains(NOT_FOUND_TEXT), response.text());
        assertTrue(response.setCookies().isEmpty(), "cookies set: " + response.setCookies());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/report", "/report/form/breach"})
    void publicRouteExistsOnPublicPort(String path) throws Exception {
        RawHttp.Response response = RawHttp.get(server.app().publicPort(), path);

        assertNotEquals(404, response.status());
        assertFalse(response.text().contains(NOT_FOUND_TEXT), response.text());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void unknownPathGetsGenericPage(int listener) throws Exception {
        int port = listener == 0 ? server.app().publicPort() : server.app().adminPort();

        RawHttp.Response response = RawHttp.get(port, "/no-such-page");

        assertEquals(404, response.status());
        assertTrue(response.text().contains(NOT_FOUND_TEXT), response.text());
    }
}
