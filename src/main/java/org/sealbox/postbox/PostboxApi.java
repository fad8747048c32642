package org.sealbox.postbox;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.sealbox.crypto.DecryptionException;
import org.sealbox.officer.CaseReader;
import org.sealbox.web.ContentDisposition;
import org.sealbox.web.JsonResponses;
import org.sealbox.web.Session;
import org.sealbox.web.SessionStore;
import org.sealbox.web.SubmissionTokens;

/**
 * The postbox as JSON on the public listener, for programs that talk for a reporter. The rules are
 * the web pages' rules: the same log-in throttle and Argon2id work, a bearer token that lives as
 * long as a web session (idle and absolute timeout), the same text limit. A bearer token in the
 * {@code Authorization} header is never sent by a browser on its own, so no CSRF token is needed.
 * Every error is {@code {"error": {"code": ..., "message": ...}}}. Documented in docs/api.md.
 */
public final class PostboxApi implements HttpService {

    private static final Session.Key<PostboxService.Opened> OPENED = new Session.Key<>("api-postbox", PostboxService.Opened.class);
    private static final Session.Key<SubmissionTokens> SENT = new Session.Key<>("api-sent", SubmissionTokens.class);

    private final SessionStore tokens;
    private final PostboxService postboxes;
    private final Conversation conversation;
    private final int textMaxChars;
    private final Duration idle;
    private final Clock clock;

    public PostboxApi(SessionStore tokens, PostboxService postboxes, Conversation conversation, int textMaxChars,
                      Duration idle, Clock clock) {
        this.tokens = tokens;
        this.postboxes = postboxes;
        this.conversation = conversation;
        this.textMaxChars = textMaxChars;
        this.idle = idle;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/postbox/sessions", this::openSession)
                .delete("/api/postbox/sessions/current", this::closeSession)
                .get("/api/postbox/messages", this::readConversation)
                .post("/api/postbox/messages", this::postMessage)
                .get("/api/postbox/attachments/{id}", this::download);
    }

    private void openSession(ServerRequest req, ServerResponse res) throws IOException {
        Optional<JsonObject> body = JsonResponses.readObject(req, res);
        if (body.isEmpty()) {
            return;
        }
        Optional<String> pseudonym = JsonResponses.string(body.get(), "pseudonym");
        Optional<String> password = JsonResponses.string(body.get(), "password");
        if (pseudonym.isEmpty() || password.isEmpty()) {
            JsonResponses.error(res, Status.BAD_REQUEST_400, "invalid_request",
                    "Send a JSON object with the strings \"pseudonym\" and \"password\".");
            return;
        }
        switch (postboxes.login(pseudonym.get(), password.get())) {
            case PostboxService.Throttled throttled -> JsonResponses.throttled(res, throttled.retryAt(), clock.instant());
            case PostboxService.Failed failed -> JsonResponses.error(res, Status.UNAUTHORIZED_401, "invalid_credentials",
                    "The pseudonym or the password is wrong.");
            case PostboxService.LoggedIn loggedIn -> {
                Session session = tokens.create();
                session.put(OPENED, loggedIn.postbox());
                JsonResponses.send(res, Status.CREATED_201, Json.createObjectBuilder()
                        .add("token", SessionStore.idOf(session))
                        .add("tokenType", "Bearer")
                        .add("idleTimeoutSeconds", idle.toSeconds())
                        .add("reference", loggedIn.postbox().reference())
                        .build());
            }
        }
    }

    private void closeSession(ServerRequest req, ServerResponse res) {
        Optional<Session> session = authorised(req, res);
        if (session.isEmpty()) {
            return;
        }
        tokens.end(session.get());
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    private void readConversation(ServerRequest req, ServerResponse res) {
        Optional<Session> session = authorised(req, res);
        if (session.isEmpty()) {
            return;
        }
        PostboxService.Opened postbox = session.get().get(OPENED).orElseThrow();
        Conversation.Thread thread;
        try {
            thread = conversation.read(postbox.caseId(), postbox.caseKeys());
        } catch (DecryptionException e) {
            JsonResponses.error(res, Status.INTERNAL_SERVER_ERROR_500, "internal_error", "The conversation could not be decrypted.");
            return;
        }
        JsonObjectBuilder answers = Json.createObjectBuilder();
        thread.report().answers().forEach((id, values) -> answers.add(id, strings(values)));
        JsonArrayBuilder messages = Json.createArrayBuilder();
        for (Conversation.Message message : thread.messages()) {
            messages.add(Json.createObjectBuilder()
                    .add("id", message.publicId())
                    .add("author", message.author().id())
                    .add("createdHour", DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.ofEpochSecond(message.createdHour())))
                    .add("text", message.text())
                    .add("attachments", attachments(message.attachments())));
        }
        JsonResponses.send(res, Status.OK_200, Json.createObjectBuilder()
                .add("reference", postbox.reference())
                .add("status", postboxes.status(postbox.caseId()))
                .add("report", Json.createObjectBuilder()
                        .add("kind", thread.report().kind().id())
                        .add("answers", answers)
                        .add("details", thread.report().details())
                        .add("attachments", attachments(thread.reportAttachments())))
                .add("messages", messages)
                .build());
    }

    private void postMessage(ServerRequest req, ServerResponse res) throws IOException {
        Optional<Session> session = authorised(req, res);
        if (session.isEmpty()) {
            return;
        }
        Optional<JsonObject> body = JsonResponses.readObject(req, res);
        if (body.isEmpty()) {
            return;
        }
        Optional<String> text = JsonResponses.string(body.get(), "text");
        if (text.isEmpty() || text.get().isBlank()) {
            JsonResponses.error(res, Status.BAD_REQUEST_400, "invalid_request", "Send a JSON object with a non-empty string \"text\".");
            return;
        }
        int chars = text.get().codePointCount(0, text.get().length());
        if (chars > textMaxChars) {
            JsonResponses.error(res, Status.BAD_REQUEST_400, "text_too_long",
                    "The text has " + chars + " characters; at most " + textMaxChars + " are allowed.");
            return;
        }
        PostboxService.Opened postbox = session.get().get(OPENED).orElseThrow();
        Optional<String> idempotencyKey = req.headers().first(HeaderNames.create("Idempotency-Key"));
        session.get().lock().lock();
        try {
            if (idempotencyKey.isPresent()) {
                SubmissionTokens sent = session.get().get(SENT).orElseGet(SubmissionTokens::new);
                session.get().put(SENT, sent);
                if (!sent.firstUse(idempotencyKey.get())) {
                    JsonResponses.send(res, Status.OK_200, Json.createObjectBuilder().add("duplicate", true).build());
                    return;
                }
            }
            String id = conversation.post(postbox.caseId(), Author.REPORTER, text.get(), Optional.empty());
            JsonResponses.send(res, Status.CREATED_201, Json.createObjectBuilder().add("id", id).build());
        } catch (DecryptionException e) {
            throw new IllegalStateException("a message without attachment cannot fail to decrypt", e);
        } finally {
            session.get().lock().unlock();
        }
    }

    private void download(ServerRequest req, ServerResponse res) throws IOException {
        Optional<Session> session = authorised(req, res);
        if (session.isEmpty()) {
            return;
        }
        PostboxService.Opened postbox = session.get().get(OPENED).orElseThrow();
        Optional<CaseReader.Download> download;
        try {
            download = conversation.download(postbox.caseId(), postbox.caseKeys(), req.path().pathParameters().get("id"));
        } catch (DecryptionException e) {
            JsonResponses.error(res, Status.INTERNAL_SERVER_ERROR_500, "internal_error", "The attachment could not be decrypted.");
            return;
        }
        if (download.isEmpty()) {
            JsonResponses.error(res, Status.NOT_FOUND_404, "not_found", "This postbox has no attachment with that id.");
            return;
        }
        ContentDisposition.sendDownload(res, download.get().name(), download.get().content());
    }

    /** Returns the token's live session, or answers 401 and returns empty. */
    private Optional<Session> authorised(ServerRequest req, ServerResponse res) {
        return JsonResponses.bearerSession(req, res, tokens, session -> session.get(OPENED).isPresent());
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private static JsonArrayBuilder attachments(List<Conversation.Attachment> attachments) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Conversation.Attachment attachment : attachments) {
            array.add(Json.createObjectBuilder()
                    .add("id", attachment.id())
                    .add("name", attachment.name())
                    .add("size", attachment.size())
                    .add("sha256", attachment.sha256Hex()));
        }
        return array;
    }

}
