package org.sealbox.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;

/**
 * JSON bodies of the two APIs: bounded reading, one error shape
 * ({@code {"error": {"code": ..., "message": ...}}}) and writing.
 */
public final class JsonResponses {

    /** Largest request body read, in bytes. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private JsonResponses() {
    }

    /** Reads the body as a JSON object, or sends a 400/413 error and returns empty. */
    public static Optional<JsonObject> readObject(ServerRequest req, ServerResponse res) throws IOException {
        InputStream in = req.content().inputStream();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            error(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "too_large", "The request body is larger than 1 MiB.");
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return Optional.of(reader.readObject());
        } catch (JsonException | IllegalStateException e) {
            error(res, Status.BAD_REQUEST_400, "invalid_json", "The request body is not a JSON object.");
            return Optional.empty();
        }
    }

    /** Returns the string member {@code name}, empty when missing or not a string. */
    public static Optional<String> string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty();
    }

    public static void error(ServerResponse res, Status status, String code, String message) {
        send(res, status, Json.createObjectBuilder()
                .add("error", Json.createObjectBuilder().add("code", code).add("message", message))
                .build());
    }

    public static void send(ServerResponse res, Status status, JsonObject body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWriter writer = Json.createWriter(out)) {
            writer.writeObject(body);
        }
        res.status(status);
        res.headers().set(HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json"));
        res.send(out.toByteArray());
    }

    /**
     * Returns the live session named by the request's {@code Authorization: Bearer} token, or
     * sends 401 with {@code WWW-Authenticate: Bearer} and returns empty.
     */
    public static Optional<Session> bearerSession(ServerRequest req, ServerResponse res, SessionStore tokens,
                                                  java.util.function.Predicate<Session> valid) {
        Optional<Session> session = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip())
                .flatMap(tokens::find)
                .filter(valid);
        if (session.isEmpty()) {
            res.headers().set(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer"));
            error(res, Status.UNAUTHORIZED_401, "invalid_token",
                    "Send a valid token as 'Authorization: Bearer TOKEN'; open a session first, tokens expire when idle.");
        }
        return session;
    }

    /** Sends 429 with the time to try again, as {@code retryAt} and as a {@code Retry-After} header. */
    public static void throttled(ServerResponse res, java.time.Instant retryAt, java.time.Instant now) {
        long seconds = Math.max(1, java.time.Duration.between(now, retryAt).toSeconds() + 1);
        res.headers().set(HeaderValues.create(HeaderNames.RETRY_AFTER, Long.toString(seconds)));
        send(res, Status.TOO_MANY_REQUESTS_429, Json.createObjectBuilder()
                .add("error", Json.createObjectBuilder()
                        .add("code", "throttled")
                        .add("message", "Too many attempts. Try again after the time in retryAt.")
                        .add("retryAt", java.time.format.DateTimeFormatter.ISO_INSTANT.format(retryAt)))
                .build());
    }
}
