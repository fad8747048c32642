package org.sealbox.api;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.sealbox.audit.AuditLog;
import org.sealbox.casework.CaseClock;
import org.sealbox.casework.CaseListQuery;
import org.sealbox.casework.CaseListStore;
import org.sealbox.casework.CaseStatus;
import org.sealbox.casework.WorkflowService;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.deadline.Deadline;
import org.sealbox.officer.CaseAccess;
import org.sealbox.officer.CaseReader;
import org.sealbox.officer.OfficerService;
import org.sealbox.postbox.Author;
import org.sealbox.postbox.Conversation;
import org.sealbox.storage.Database;
import org.sealbox.web.JsonResponses;
import org.sealbox.web.Session;
import org.sealbox.web.SessionStore;
import org.sealbox.web.SubmissionTokens;

/**
 * The officers' operations as JSON on the admin listener: log-in with password and TOTP code for a
 * bearer token, the case list, one case decrypted, a reply to the reporter and a status change.
 * The rules are the pages' rules: the same log-in throttle, the same access (only cases whose key
 * is sealed to the officer), the same version check against concurrent changes, the same audit
 * entries. Documented in docs/api.md.
 */
public final class OfficerApi implements HttpService {

    static final int PAGE_SIZE = 50;
    private static final Session.Key<OfficerService.SignedIn> OFFICER =
            new Session.Key<>("api-officer", OfficerService.SignedIn.class);
    /** The status ids that {@code POST .../status} accepts, comma-separated, for its error message. */
    private static final String STATUS_IDS = Arrays.stream(CaseStatus.values())
            .map(CaseStatus::id)
            .collect(Collectors.joining(", "));
    private static final Session.Key<SubmissionTokens> SENT = new Session.Key<>("api-officer-sent", SubmissionTokens.class);

    private final SessionStore tokens;
    private final OfficerService officers;
    private final CaseAccess access;
    private final CaseReader reader;
    private final Conversation conversation;
    private final WorkflowService workflow;
    private final Database database;
    private final CaseClock caseClock;
    private final AuditLog audit;
    private final Clock clock;
    private final int textMaxChars;
    private final Duration idle;
    private final CaseListStore list = new CaseListStore();

    public OfficerApi(SessionStore tokens, OfficerService officers, CaseAccess access, CaseReader reader,
                      Conversation conversation, WorkflowService workflow, Database database, CaseClock caseClock,
                      AuditLog audit, Clock clock, int textMaxChars, Duration idle) {
        this.tokens = tokens;
        this.officers = officers;
        this.access = access;
        this.reader = reader;
        this.conversation = conversation;
        this.workflow = workflow;
        this.database = database;
        this.caseClock = caseClock;
        this.audit = audit;
        this.clock = clock;
        this.textMaxChars = textMaxChars;
        this.idle = idle;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/officer/sessions", this::openSession)
                .delete("/api/officer/sessions/current", this::closeSession)
                .get("/api/officer/cases", this::listCases)
                .get("/api/officer/cases/{id}", this::readCase)
                .post("/api/officer/cases/{id}/messages", this::reply)
                .post("/api/officer/cases/{id}/status", this::changeStatus);
    }

    private void openSession(ServerRequest req, ServerResponse res) throws IOException {
        Optional<JsonObject> body = JsonResponses.readObject(req, res);
        if (body.isEmpty()) {
            return;
        }
        Optional<String> username = JsonResponses.string(body.get(), "username");
        Optional<String> password = JsonResponses.string(body.get(), "password");
        Optional<String> code = JsonResponses.string(body.get(), "code");
        if (username.isEmpty() || password.isEmpty() || code.isEmpty()) {
            JsonResponses.error(res, Status.BAD_REQUEST_400, "invalid_request",
                    "Send a JSON object with the strings \"username\", \"password\" and \"code\" (the current TOTP code).");
            return;
        }
        switch (officers.login(username.get(), password.get(), code.get())) {
            case OfficerService.Success success -> {
                access.runPendingGrants(success.officer());
                Session session = tokens.create();
                session.put(OFFICER, success.officer());
                audit.record(success.officer().username(), AuditLog.LOGIN, Optional.empty());
                JsonResponses.send(res, Status.CREATED_201, Json.createObjectBuilder()
                        .add("token", SessionStore.idOf(session))
                        .add("tokenType", "Bearer")
                        .add("idleTimeoutSeconds", idle.toSeconds())
                        .add("role", success.officer().role().id())
                        .build());
            }
            case OfficerService.Throttled throttled -> JsonResponses.throttled(res, throttled.retryAt(), clock.instant());
            default -> JsonResponses.error(res, Status.UNAUTHORIZED_401, "invalid_credentials",
                    "The username, the password or the code is wrong.");
        }
    }

    private void closeSession(ServerRequest req, ServerResponse res) {
        Optional<Session> session = authorised(req, res);
        if (session.isEmpty()) {
            return;
        }
        audit.record(officer(session.get()).username(), AuditLog.LOGOUT, Optional.empty());
        tokens.end(session.get());
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    private void listCases(ServerRequest req, ServerResponse res) {
        Optional<Session> session = authorised(req, res);
        if (session.isEmpty()) {
            return;
        }
        OfficerService.SignedIn officer = officer(session.get());
        CaseListQuery query = CaseListQuery.parse(name -> req.query().first(name).orElse(""));
        Instant now = clock.instant();
        List<CaseListStore.Row> rows = database.read(h -> list.page(h, officer.id(), query, now, PAGE_SIZE));
        int total = database.read(h -> list.count(h, officer.id(), query, now));
        JsonArrayBuilder cases = Json.createArrayBuilder();
        for (CaseListStore.Row row : rows) {
            JsonObjectBuilder item = Json.createObjectBuilder()
                    .add("id", row.id())
                    .add("reference", row.reference())
                    .add("kind", row.times().kind().id())
                    .add("status", row.status())
                    .add("received", instant(row.times().received()))
                    .add("unreadMessages", row.unread());
            row.assignee().ifPresentOrElse(name -> item.add("assignee", name), () -> item.addNull("assignee"));
            caseClock.nearest(row.times()).ifPresentOrElse(
                    deadline -> item.add("nextDeadline", deadline(deadline, now)),
                    () -> item.addNull("nextDeadline"));
            cases.add(item);
        }
        JsonResponses.send(res, Status.OK_200, Json.createObjectBuilder()
                .add("total", total)
                .add("page", query.page())
                .add("pageSize", PAGE_SIZE)
                .add("cases", cases)
                .build());
    }

    private void readCase(ServerRequest req, ServerResponse res) {
        Optional<Session> session = authorised(req, res);
        if (session.isEmpty()) {
            return;
        }
        OfficerService.SignedIn officer = officer(session.get());
        Optional<Long> caseId = caseId(req);
        Optional<CaseReader.OpenCase> open;
        try {
            open = caseId.isEmpty() ? Optional.empty() : reader.open(officer, caseId.get());
        } catch (DecryptionException e) {
            JsonResponses.error(res, Status.INTERNAL_SERVER_ERROR_500, "internal_error", "The case could not be decrypted.");
            return;
        }
        if (open.isEmpty()) {
            notFound(res);
            return;
        }
        audit.record(officer.username(), AuditLog.CASE_VIEW, caseId);

        Conversation.Thread thread = open.get().thread();
        JsonObjectBuilder answers = Json.createObjectBuilder();
        thread.report().answers().forEach((id, values) -> {
            JsonArrayBuilder array = Json.createArrayBuilder();
            values.forEach(array::add);
            answers.add(id, array);
        });

        JsonArrayBuilder messages = Json.createArrayBuilder();
        for (Conversation.Message message : thread.messages()) {
            messages.add(Json.createObjectBuilder()
                    .add("id", message.publicId())
                    .add("author", message.author().id())
                    .add("createdHour", instant(Instant.ofEpochSecond(message.createdHour())))
                    .add("text", message.text())
                    .add("attachments", attachments(message.attachments())));
        }

        long version = database.read(h -> h.createQuery("SELECT version FROM report_case WHERE id = :id")
                .bind("id", caseId.get()).mapTo(Long.class).one());
        JsonResponses.send(res, Status.OK_200, Json.createObjectBuilder()
                .add("id", open.get().summary().id())
                .add("reference", open.get().summary().reference())
                .add("kind", open.get().summary().kind().id())
                .add("status", open.get().summary().status())
                .add("version", version)
                .add("received", instant(Instant.ofEpochSecond(open.get().summary().receivedHour())))
                .add("hasPostbox", open.get().hasPostbox())
                .add("report", Json.createObjectBuilder()
                        .add("answers", answers)
                        .add("details", thread.report().details())
                        .add("attachments", attachments(thread.reportAttachments())))
                .add("messages", messages)
                .build());
    }

    private void reply(ServerRequest req, ServerResponse res) throws IOException {
        Optional<Session> session = authorised(req, res);
        if (session.isEmpty()) {
            return;
        }
        OfficerService.SignedIn officer = officer(session.get());
        Optional<Long> caseId = caseId(req);
        if (caseId.isEmpty() || !reader.canAccess(officer, caseId.get())) {
            notFound(res);
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
            String id = conversation.post(caseId.get(), Author.OFFICER, text.get(), Optional.empty());
            audit.record(officer.username(), AuditLog.CASE_REPLY, caseId);
            JsonResponses.send(res, Status.CREATED_201, Json.createObjectBuilder().add("id", id).build());
        } catch (DecryptionException e) {
            throw new IllegalStateException("a message without attachment cannot fail to decrypt", e);
        } finally {
            session.get().lock().unlock();
        }
    }

    private void changeStatus(ServerRequest req, ServerResponse res) throws IOException {
        Optional<Session> session = authorised(req, res);
        if (session.isEmpty()) {
            return;
        }
        Optional<Long> caseId = caseId(req);
        if (caseId.isEmpty()) {
            notFound(res);
            return;
        }
        Optional<JsonObject> body = JsonResponses.readObject(req, res);
        if (body.isEmpty()) {
            return;
        }
        Optional<String> status = JsonResponses.string(body.get(), "status");
        Optional<Long> version = body.get().get("version") instanceof JsonNumber number && number.isIntegral()
                ? Optional.of(number.longValue()) : Optional.empty();
        if (status.isEmpty() || version.isEmpty()) {
            JsonResponses.error(res, Status.BAD_REQUEST_400, "invalid_request",
                    "Send a JSON object with a string \"status\" and the integer \"version\" read with the case.");
            return;
        }
        if (CaseStatus.fromId(status.get()).isEmpty()) {
            JsonResponses.error(res, Status.BAD_REQUEST_400, "invalid_request",
                    "Unknown \"status\". Send one of: " + STATUS_IDS + ".");
            return;
        }

        WorkflowService.Outcome outcome = workflow.setStatus(officer(session.get()), caseId.get(), version.get(), status.get());
        switch (outcome.result()) {
            case DONE -> {
                long newVersion = database.read(h -> h.createQuery("SELECT version FROM report_case WHERE id = :id")
                        .bind("id", caseId.get()).mapTo(Long.class).one());
                JsonResponses.send(res, Status.OK_200, Json.createObjectBuilder()
                        .add("status", status.get()).add("version", newVersion).build());
            }
            case NOT_FOUND -> notFound(res);
            case CONFLICT -> JsonResponses.error(res, Status.CONFLICT_409, "conflict",
                    "The case changed since you read it. Read it again and send the new version.");
            case INVALID -> JsonResponses.error(res, Status.BAD_REQUEST_400, "invalid_request",
                    String.join(" ", outcome.errors()));
        }
    }

    private Optional<Session> authorised(ServerRequest req, ServerResponse res) {
        return JsonResponses.bearerSession(req, res, tokens,
                session -> session.get(OFFICER).isPresent() && stillActive(session));
    }

    /**
     * Returns whether the token's officer is still active. A deactivated officer's token ends at its next
     * use, because deactivation cannot reach into this token store.
     */
    private boolean stillActive(Session session) {
        long id = officer(session).id();
        boolean active = database.read(h -> h.createQuery("SELECT active FROM officer WHERE id = :id")
                .bind("id", id).mapTo(Integer.class).findOne()).orElse(0) == 1;
        if (!active) {
            tokens.end(session);
        }
        return active;
    }

    private static OfficerService.SignedIn officer(Session session) {
        return session.get(OFFICER).orElseThrow();
    }

    private static Optional<Long> caseId(ServerRequest req) {
        try {
            return Optional.of(Long.parseLong(req.path().pathParameters().get("id")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void notFound(ServerResponse res) {
        JsonResponses.error(res, Status.NOT_FOUND_404, "not_found", "There is no case with that id that you can read.");
    }

    private static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static JsonObjectBuilder deadline(Deadline deadline, Instant now) {
        Deadline.Status status = deadline.status(now);
        return Json.createObjectBuilder()
                .add("kind", deadline.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .add("due", deadline.due().toOffsetDateTime().toString())
                .add("urgency", status.urgency().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .add("secondsLeft", status.timeLeft().toSeconds());
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
