package org.sealbox.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.officer.Role;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The officer JSON API on the admin listener, against a real server. */
class OfficerApiTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;
    private String reference;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
        try (WebClient browser = TestServer.browser()) {
            HtmlPage form = Reporter.chooseKind(new Reporter(browser, server).startReport(), "breach");
            Reporter.fill(form, Map.of(
                    "breach-type", List.of("disclosure"),
                    "occurred", List.of("last-24h"),
                    "noticed", List.of("last-24h"),
                    "data-categories", List.of("customer"),
                    "people-affected", List.of("up-to-1000"),
                    "ongoing", List.of("yes"),
                    "source", List.of("document"),
                    "relation", List.of("customer")), "The customer list was posted on a public forum.", null);
            reference = Reporter.reference(Reporter.send(Reporter.review(form)));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.adminUrl(path)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new java.io.StringReader(response.body())).readObject();
    }

    private String login(String username, String password) throws Exception {
        String body = Json.createObjectBuilder().add("username", username).add("password", password)
                .add("code", server.totpCode(username)).build().toString();
        HttpResponse<String> response = call("POST", "/api/officer/sessions", null, body);
        assertEquals(201, response.statusCode(), response.body());
        return json(response).getString("token");
    }

    private long caseId() {
        return server.app().database().read(h -> h.createQuery("SELECT id FROM report_case WHERE reference = :r")
                .bind("r", reference).mapTo(Long.class).one());
    }

    @Test
    void listReadReplyAndClose() throws Exception {
        String token = login(TestServer.OFFICER, TestServer.OFFICER_PASSWORD);

        HttpResponse<String> list = call("GET", "/api/officer/cases", token, null);
        assertEquals(200, list.statusCode(), list.body());
        JsonObject first = json(list).getJsonArray("cases").getJsonObject(0);
        assertEquals(reference, first.getString("reference"));
        assertEquals("breach", first.getString("kind"));
        assertEquals("new", first.getString("status"));
        assertEquals("breach-notification", first.getJsonObject("nextDeadline").getString("kind"), "72 hours come before 7 days");

        long id = caseId();
        HttpResponse<String> read = call("GET", "/api/officer/cases/" + id, token, null);
        assertEquals(200, read.statusCode(), read.body());
        assertEquals("The customer list was posted on a public forum.",
                json(read).getJsonObject("report").getString("details"));
        long version = json(read).getJsonNumber("version").longValue();

        HttpResponse<String> reply = call("POST", "/api/officer/cases/" + id + "/messages", token,
                "{\"text\": \"Thank you, we are on it.\"}");
        assertEquals(201, reply.statusCode(), reply.body());

        HttpResponse<String> closed = call("POST", "/api/officer/cases/" + id + "/status", token,
                "{\"status\": \"closed\", \"version\": " + version + "}");
        assertEquals(200, closed.statusCode(), closed.body());
        String status = server.app().database().read(h -> h.createQuery("SELECT status FROM report_case WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertEquals("closed", status);

        HttpResponse<String> reread = call("GET", "/api/officer/cases/" + id, token, null);
        assertEquals("Thank you, we are on it.", json(reread).getJsonArray("messages").getJsonObject(0).getString("text"));
    }

    @Test
    void staleVersionConflicts() throws Exception {
        String token = login(TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        long id = caseId();
        long version = json(call("GET", "/api/officer/cases/" + id, token, null)).getJsonNumber("version").longValue();
        assertEquals(200, call("POST", "/api/officer/cases/" + id + "/status", token,
                "{\"status\": \"in-review\", \"version\": " + version + "}").statusCode());

        HttpResponse<String> stale = call("POST", "/api/officer/cases/" + id + "/status", token,
                "{\"status\": \"closed\", \"version\": " + version + "}");

        assertEquals(409, stale.statusCode(), stale.body());
        assertEquals("conflict", json(stale).getJsonObject("error").getString("code"));
        assertEquals("The case changed since you read it. Read it again and send the new version.",
                json(stale).getJsonObject("error").getString("message"));
    }

    @Test
    void unknownStatusListsValidIds() throws Exception {
        String token = login(TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        long id = caseId();
        long version = json(call("GET", "/api/officer/cases/" + id, token, null)).getJsonNumber("version").longValue();

        HttpResponse<String> rejected = call("POST", "/api/officer/cases/" + id + "/status", token,
                "{\"status\": \"done\", \"version\": " + version + "}");

        assertEquals(400, rejected.statusCode(), rejected.body());
        assertEquals("invalid_request", json(rejected).getJsonObject("error").getString("code"));
        String message = json(rejected).getJsonObject("error").getString("message");
        assertTrue(message.contains("new, acknowledged, in-review, waiting-for-reporter, reported-to-authority, closed"),
                message);
        assertEquals("new", server.app().database().read(h -> h.createQuery("SELECT status FROM report_case WHERE id = :id")
                .bind("id", id).mapTo(String.class).one()));
    }

    @Test
    void wrongCodeAndReplayRefused() throws Exception {
        String code = server.totpCode(TestServer.OFFICER);
        String body = Json.createObjectBuilder().add("username", TestServer.OFFICER)
                .add("password", TestServer.OFFICER_PASSWORD).add("code", code).build().toString();
        assertEquals(201, call("POST", "/api/officer/sessions", null, body).statusCode());

        HttpResponse<String> replay = call("POST", "/api/officer/sessions", null, body);
        HttpResponse<String> wrongPassword = call("POST", "/api/officer/sessions", null, Json.createObjectBuilder()
                .add("username", TestServer.OFFICER).add("password", "not the password").add("code", "123456")
                .build().toString());

        assertEquals(401, replay.statusCode());
        assertEquals("invalid_credentials", json(replay).getJsonObject("error").getString("code"));
        assertEquals(401, wrongPassword.statusCode());
        assertEquals(replay.body(), wrongPassword.body());
    }

    @Test
    void otherOfficersCasesNotFound() throws Exception {
        server.createOfficer("late", "a later officer's passphrase", Role.OFFICER);
        String token = login("late", "a later officer's passphrase");
        long id = caseId();

        assertEquals(404, call("GET", "/api/officer/cases/" + id, token, null).statusCode());
        assertEquals(404, call("POST", "/api/officer/cases/" + id + "/messages", token, "{\"text\": \"x\"}").statusCode());
        assertEquals(0, json(call("GET", "/api/officer/cases", token, null)).getInt("total"));
    }

    @Test
    void tokenRequiredAndEndsAtLogout() throws Exception {
        HttpResponse<String> anonymous = call("GET", "/api/officer/cases", null, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));

        String token = login(TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        assertEquals(204, call("DELETE", "/api/officer/sessions/current", token, null).statusCode());
        assertEquals(401, call("GET", "/api/officer/cases", token, null).statusCode());
    }

    @Test
    void deactivatedOfficerTokenEnds() throws Exception {
        server.createOfficer("leaver", "a leaving officer's passphrase", Role.OFFICER);
        String token = login("leaver", "a leaving officer's passphrase");
        assertEquals(200, call("GET", "/api/officer/cases", token, null).statusCode());

        server.app().database().write(h -> h.execute("UPDATE officer SET active = 0 WHERE username = 'leaver'"));

        assertEquals(401, call("GET", "/api/officer/cases", token, null).statusCode());
    }

    @Test
    void apiActionsAudited() throws Exception {
        String token = login(TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        call("GET", "/api/officer/cases/" + caseId(), token, null);

        List<String> actions = server.app().database().read(h -> h.createQuery("SELECT action FROM audit_entry ORDER BY sequence")
                .mapTo(String.class).list());

        assertTrue(actions.contains("login"), actions.toString());
        assertTrue(actions.contains("case.view"), actions.toString());
    }

    @Test
    void apiAbsentOnPublicListener() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.publicUrl("/api/officer/cases"))).GET().build();

        assertEquals(404, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
