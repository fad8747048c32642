package org.sealbox.postbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Officer;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The postbox JSON API against a real server, with the same rules as the pages. */
class PostboxApiTest {

    private static final String PSEUDONYM = "api reporter";
    private static final String PASSWORD = "orbit lantern cactus meadow";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;
    private String reference;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
        try (WebClient browser = TestServer.browser()) {
            reference = PostboxDialogTest.sendReportWithPostbox(browser, server, PSEUDONYM, PASSWORD);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String json, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.publicUrl(path)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new java.io.StringReader(response.body())).readObject();
    }

    private static String login(String pseudonym, String password) {
        return Json.createObjectBuilder().add("pseudonym", pseudonym).add("password", password).build().toString();
    }

    private String openSession() throws Exception {
        HttpResponse<String> response = call("POST", "/api/postbox/sessions", null, login(PSEUDONYM, PASSWORD), null);
        assertEquals(201, response.statusCode(), response.body());
        return json(response).getString("token");
    }

    private int messageRows() {
        return server.app().database().read(h -> h.createQuery("SELECT COUNT(*) FROM message").mapTo(Integer.class).one());
    }

    @Test
    void sessionReadAndPost() throws Exception {
        HttpResponse<String> opened = call("POST", "/api/postbox/sessions", null, login("API Reporter", PASSWORD), null);
        assertEquals(201, opened.statusCode(), opened.body());
        assertEquals("application/json", opened.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", opened.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(reference, json(opened).getString("reference"));
        assertEquals(1200, json(opened).getInt("idleTimeoutSeconds"));
        String token = json(opened).getString("token");

        HttpResponse<String> posted = call("POST", "/api/postbox/messages", token,
                Json.createObjectBuilder().add("text", "Sent through the API, ümlaut included.").build().toString(), null);
        assertEquals(201, posted.statusCode(), posted.body());

        HttpResponse<String> read = call("GET", "/api/postbox/messages", token, null, null);
        assertEquals(200, read.statusCode());
        JsonObject conversation = json(read);
        assertEquals(reference, conversation.getString("reference"));
        assertEquals("new", conversation.getString("status"));
        assertEquals("A laptop with payroll data was left on a train.", conversation.getJsonObject("report").getString("details"));
        assertEquals("breach", conversation.getJsonObject("report").getString("kind"));
        assertEquals("Sent through the API, ümlaut included.",
                conversation.getJsonArray("messages").getJsonObject(0).getString("text"));
        assertEquals("reporter", conversation.getJsonArray("messages").getJsonObject(0).getString("author"));

        try (WebClient officerBrowser = TestServer.browser()) {
            Officer officer = new Officer(officerBrowser, server);
            String page = officer.openCase(officer.login(), reference).asNormalizedText();
            assertTrue(page.contains("Sent through the API, ümlaut included."), "the officer reads the API message");
        }
    }

    @Test
    void unknownAndWrongLookAlike() throws Exception {
        HttpResponse<String> unknown = call("POST", "/api/postbox/sessions", null, login("nobody at all", PASSWORD), null);
        HttpResponse<String> wrong = call("POST", "/api/postbox/sessions", null, login(PSEUDONYM, "wrong password here"), null);

        assertEquals(401, unknown.statusCode());
        assertEquals(401, wrong.statusCode());
        assertEquals(unknown.body(), wrong.body());
        assertEquals("invalid_credentials", json(wrong).getJsonObject("error").getString("code"));
    }

    @Test
    void throttleAnswers429() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertEquals(401, call("POST", "/api/postbox/sessions", null, login(PSEUDONYM, "wrong guess " + i), null).statusCode());
        }

        HttpResponse<String> throttled = call("POST", "/api/postbox/sessions", null, login(PSEUDONYM, PASSWORD), null);

        assertEquals(429, throttled.statusCode(), throttled.body());
        assertEquals("throttled", json(throttled).getJsonObject("error").getString("code"));
        assertTrue(json(throttled).getJsonObject("error").containsKey("retryAt"));
        assertTrue(Integer.parseInt(throttled.headers().firstValue("Retry-After").orElse("0")) >= 1);
        clock.advance(Duration.ofSeconds(3));
        assertEquals(201, call("POST", "/api/postbox/sessions", null, login(PSEUDONYM, PASSWORD), null).statusCode());
    }

    @Test
    void idempotencyKeyStoresOnce() throws Exception {
        String token = openSession();
        String body = Json.createObjectBuilder().add("text", "Only once, please.").build().toString();

        HttpResponse<String> first = call("POST", "/api/postbox/messages", token, body, "retry-1");
        HttpResponse<String> second = call("POST", "/api/postbox/messages", token, body, "retry-1");

        assertEquals(201, first.statusCode());
        assertEquals(200, second.statusCode());
        assertEquals(1, messageRows());
    }

    @Test
    void badRequestsGetJsonErrors() throws Exception {
        String token = openSession();

        HttpResponse<String> notJson = call("POST", "/api/postbox/messages", token, "{text: nope", null);
        HttpResponse<String> empty = call("POST", "/api/postbox/messages", token, "{\"text\": \"  \"}", null);
        HttpResponse<String> tooLong = call("POST", "/api/postbox/messages", token,
                Json.createObjectBuilder().add("text", "x".repeat(20_001)).build().toString(), null);
        HttpResponse<String> missing = call("POST", "/api/postbox/sessions", null, "{\"pseudonym\": \"x\"}", null);

        assertEquals(400, notJson.statusCode());
        assertEquals("invalid_json", json(notJson).getJsonObject("error").getString("code"));
        assertEquals(400, empty.statusCode());
        assertEquals("invalid_request", json(empty).getJsonObject("error").getString("code"));
        assertEquals(400, tooLong.statusCode());
        assertTrue(json(tooLong).getJsonObject("error").getString("message").contains("20001"));
        assertEquals(400, missing.statusCode());
        assertEquals(0, messageRows());
    }

    @Test
    void tokenEndsAtLogoutAndIdle() throws Exception {
        String token = openSession();
        assertEquals(204, call("DELETE", "/api/postbox/sessions/current", token, null, null).statusCode());
        HttpResponse<String> afterLogout = call("GET", "/api/postbox/messages", token, null, null);
        assertEquals(401, afterLogout.statusCode());
        assertEquals("invalid_token", json(afterLogout).getJsonObject("error").getString("code"));
        assertEquals("Bearer", afterLogout.headers().firstValue("WWW-Authenticate").orElse(""));

        String idleToken = openSession();
        clock.advance(Duration.ofMinutes(21));
        assertEquals(401, call("GET", "/api/postbox/messages", idleToken, null, null).statusCode());
    }

    @Test
    void foreignAttachmentNotFound() throws Exception {
        String token = openSession();

        HttpResponse<String> response = call("GET", "/api/postbox/attachments/0123456789abcdef0123456789abcdef", token, null, null);

        assertEquals(404, response.statusCode());
        assertEquals("not_found", json(response).getJsonObject("error").getString("code"));
    }

    @Test
    void apiAbsentOnAdminListener() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.adminUrl("/api/postbox/sessions")))
                .POST(HttpRequest.BodyPublishers.ofString(login(PSEUDONYM, PASSWORD))).build();

        assertEquals(404, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
