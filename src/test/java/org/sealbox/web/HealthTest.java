package org.sealbox.web;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.storage.Database;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /health} exists on the admin listener only: UP with 200 while the database responds,
 * DOWN with 503 while it cannot be opened, and 404 on the public listener.
 */
class HealthTest {

    @TempDir
    Path dataDir;

    @Test
    void healthReportsDatabaseOnAdminListenerOnly() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            int admin = server.app().adminPort();

            RawHttp.Response up = RawHttp.get(admin, "/health");
            assertEquals(200, up.status());
            assertEquals("{\"status\":\"UP\",\"database\":\"UP\"}", up.text());
            assertEquals("application/json", up.header("Content-Type").orElse(""));
            assertEquals("no-store", up.header("Cache-Control").orElse(""));
            assertTrue(up.setCookies().isEmpty(), "cookies set: " + up.setCookies());

            RawHttp.Response onPublic = RawHttp.get(server.app().publicPort(), "/health");
            assertEquals(404, onPublic.status());

            // A directory where the database file was makes every new connection fail to open.
            Path file = dataDir.resolve(Database.FILE_NAME);
            Path moved = dataDir.resolve("moved.db");
            Files.move(file, moved);
            Files.createDirectory(file);
            try {
                RawHttp.Response down = RawHttp.get(admin, "/health");
                assertEquals(503, down.status());
                assertEquals("{\"status\":\"DOWN\",\"database\":\"DOWN\"}", down.text());
            } finally {
                Files.delete(file);
                Files.move(moved, file);
            }

            assertEquals(200, RawHttp.get(admin, "/health").status(), "UP again once the file is back");
        }
    }
}
