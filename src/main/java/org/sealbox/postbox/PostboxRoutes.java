package org.sealbox.postbox;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.challenge.ChallengeViews;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.officer.CaseReader;
import org.sealbox.report.AnswerRows;
import org.sealbox.report.AttachmentUploads;
import org.sealbox.report.DraftFields;
import org.sealbox.report.FormCatalog;
import org.sealbox.report.ReportDraft;
import org.sealbox.web.ContentDisposition;
import org.sealbox.web.FormData;
import org.sealbox.web.Messages;
import org.sealbox.web.Pages;
import org.sealbox.web.Redirects;
import org.sealbox.web.Session;
import org.sealbox.web.SessionCookies;
import org.sealbox.web.SessionStore;
import org.sealbox.web.Sizes;
import org.sealbox.web.SubmissionTokens;
import org.sealbox.web.UrlEncodedForms;

/**
 * The postbox on the public listener: set-up after sending, log-in with pseudonym and password
 * (after the security question), the conversation with a reply form, attachment downloads and
 * log-out. A reply typed into an expired session is carried through the log-in page in hidden
 * fields and filled in again afterwards.
 */
public final class PostboxRoutes implements HttpService {

    private static final System.Logger LOG = System.getLogger(PostboxRoutes.class.getName());
    /** The case keys of a report just sent, held until a postbox is set up or the session ends. */
    public static final Session.Key<PendingPostbox> PENDING = new Session.Key<>("pending-postbox", PendingPostbox.class);
    private static final Session.Key<Boolean> READY = new Session.Key<>("postbox-ready", Boolean.class);
    static final Session.Key<PostboxService.Opened> OPENED = new Session.Key<>("postbox", PostboxService.Opened.class);
    private static final Session.Key<ReplyDraft> REPLY = new Session.Key<>("reply-draft", ReplyDraft.class);
    private static final Session.Key<SubmissionTokens> SENT = new Session.Key<>("sent-replies", SubmissionTokens.class);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Pages pages;
    private final Messages messages;
    private final SessionCookies sessions;
    private final ChallengeViews challenge;
    private final PostboxService postboxes;
    private final Conversation conversation;
    private final AttachmentUploads uploads;
    private final FormCatalog forms;
    private final String organisationName;
    private final int textMaxChars;

    /** The keys of a case just sent; closing wipes them. */
    public record PendingPostbox(long caseId, org.sealbox.crypto.BoxKeyPair caseKeys) implements AutoCloseable {
        @Override
        public void close() {
            caseKeys.wipe();
        }

        @Override
        public String toString() {
            return "PendingPostbox[REDACTED]";
        }
    }

    /** A reply being written: its text and an uploaded file, kept across a lost session. */
    record ReplyDraft(String text, Optional<ReportDraft.AttachmentRef> attachment) {
        @Override
        public String toString() {
            return "ReplyDraft[REDACTED]";
        }
    }

    public PostboxRoutes(Pages pages, SessionCookies sessions, ChallengeViews challenge, PostboxService postboxes,
                         Conversation conversation, AttachmentUploads uploads, FormCatalog forms,
                         String organisationName, int textMaxChars) {
        this.pages = pages;
        this.messages = pages.messages();
        this.sessions = sessions;
        this.challenge = challenge;
        this.postboxes = postboxes;
        this.conversation = conversation;
        this.uploads = uploads;
        this.forms = forms;
        this.organisationName = organisationName;
        this.textMaxChars = textMaxChars;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/postbox/setup", this::setUp)
                .get("/postbox/ready", this::ready)
                .get("/postbox", this::showLogin)
                .post("/postbox/login", this::login)
                .get("/postbox/inbox", this::inbox)
                .post("/postbox/reply", this::reply)
                .post("/postbox/logout", this::logout)
                .get("/postbox/attachments/{id}", this::download);
    }

    // Set-up, from the receipt page.

    private void setUp(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> session = sessions.current(req)
                .filter(s -> SessionStore.csrfMatches(s, form.first("csrf")));
        if (session.isEmpty()) {
            sendMessage(res, Status.BAD_REQUEST_400, messages.get("error.title"), messages.get("error.403"), "/");
            return;
        }
        // Under the session lock, so a second set-up POST cannot use case keys the first one wipes.
        session.get().lock().lock();
        try {
            setUpLocked(res, session.get(), form);
        } finally {
            session.get().lock().unlock();
        }
    }

    private void setUpLocked(ServerResponse res, Session current, FormData form) {
        Optional<Session> session = Optional.of(current);
        Optional<PendingPostbox> pending = current.get(PENDING);
        if (pending.isEmpty()) {
            sendMessage(res, Status.BAD_REQUEST_400, messages.get("error.title"), messages.get("error.403"), "/");
            return;
        }
        String pseudonym = form.first("pseudonym");
        String password = form.first("password");
        if (!password.equals(form.first("password-confirm"))) {
            sendSetupForm(res, session.get(), pseudonym, "password", messages.get("postbox.setup.mismatch"), List.of());
            return;
        }
        PostboxService.SetupResult result = postboxes.setUp(pending.get().caseId(), pending.get().caseKeys(),
                pseudonym, password, List.of(organisationName), messages.locale());
        if (result instanceof PostboxService.Rejected rejected) {
            sendSetupForm(res, session.get(), pseudonym, rejected.field(), messages.get(rejected.messageKey()),
                    rejected.hints());
            return;
        }
        session.get().remove(PENDING);
        session.get().put(READY, Boolean.TRUE);
        Redirects.seeOther(res, "/postbox/ready");
    }

    /** Shows the confirmation after set-up, reached by redirect so that a reload sends nothing again. */
    private void ready(ServerRequest req, ServerResponse res) {
        if (sessions.current(req).flatMap(session -> session.get(READY)).isEmpty()) {
            Redirects.seeOther(res, "/postbox");
            return;
        }
        pages.send(res, Status.OK_200, "message", Map.of(
                "title", messages.get("postbox.setup.done.title"),
                "paragraphs", List.of(messages.get("postbox.setup.done.text")),
                "link", Map.of("href", "/postbox", "text", messages.get("landing.postbox"))));
    }

    /** The receipt page's set-up form again, with the pseudonym kept and the problem named. */
    private void sendSetupForm(ServerResponse res, Session session, String pseudonym, String field, String error,
                               List<String> hints) {
        Map<String, Object> model = new HashMap<>(setupModel(session));
        model.put("title", messages.get("postbox.setup.heading"));
        model.put("pseudonym", pseudonym);
        model.put("pseudonymError", "pseudonym".equals(field) ? error : null);
        model.put("passwordError", "password".equals(field) ? error : null);
        model.put("passwordHints", hints);
        model.put("errors", List.of(Map.of("anchor", "password".equals(field) ? "setup-password" : "setup-pseudonym",
                "message", error)));
        model.put("hasErrors", true);
        pages.send(res, Status.UNPROCESSABLE_CONTENT_422, "postbox-setup", model);
    }

    /** Returns the model keys of the {@code _postbox-setup} partial. */
    public Map<String, Object> setupModel(Session session) {
        return Map.of("csrf", session.csrfToken(), "showSetup", true);
    }

    // Log-in.

    private void showLogin(ServerRequest req, ServerResponse res) {
        Session session = sessions.currentOrStart(req, res);
        if (session.get(OPENED).isPresent()) {
            Redirects.seeOther(res, "/postbox/inbox");
            return;
        }
        sendLogin(res, session, Status.OK_200, "", null, null, Optional.empty());
    }

    private void login(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<ReplyDraft> reply = replyFrom(form);
        String pseudonym = form.first("pseudonym");
        if (!sessions.hasCookie(req)) {
            Session fresh = sessions.start(req, res);
            sendLogin(res, fresh, Status.BAD_REQUEST_400, pseudonym, null, messages.get("cookies.text"), reply);
            return;
        }
        Optional<Session> current = sessions.current(req).filter(s -> SessionStore.csrfMatches(s, form.first("csrf")));
        if (current.isEmpty()) {
            Session fresh = sessions.currentOrStart(req, res);
            challenge.service().renew(fresh);
            sendLogin(res, fresh, Status.OK_200, pseudonym, messages.get("challenge.error.expired"), null, reply);
            return;
        }
        Session session = current.get();
        if (!challenge.service().hasPassed(session)) {
            Optional<String> problem = challenge.check(session, form);
            if (problem.isPresent()) {
                sendLogin(res, session, Status.UNPROCESSABLE_CONTENT_422, pseudonym, problem.get(), null, reply);
                return;
            }
        }

        PostboxService.LoginResult result = postboxes.login(pseudonym, form.first("password"));
        switch (result) {
            case PostboxService.Throttled throttled -> sendLogin(res, session, Status.TOO_MANY_REQUESTS_429, pseudonym,
                    null, messages.get("postbox.login.throttled", HOUR.format(throttled.retryAt().plusSeconds(59)
                            .truncatedTo(java.time.temporal.ChronoUnit.MINUTES))), reply);
            case PostboxService.Failed failed -> sendLogin(res, session, Status.UNAUTHORIZED_401, pseudonym, null,
                    messages.get("postbox.login.failed"), reply);
            case PostboxService.LoggedIn loggedIn -> {
                // A new session id at log-in; the old one and everything in it are wiped.
                sessions.end(req, res, session);
                Session fresh = sessions.start(req, res);
                fresh.put(OPENED, loggedIn.postbox());
                reply.ifPresent(draft -> fresh.put(REPLY, draft));
                Redirects.seeOther(res, "/postbox/inbox");
            }
        }
    }

    private void sendLogin(ServerResponse res, Session session, Status status, String pseudonym, String challengeError,
                           String error, Optional<ReplyDraft> reply) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", messages.get("postbox.login.title"));
        model.put("csrf", session.csrfToken());
        model.put("pseudonym", pseudonym);
        boolean askChallenge = !challenge.service().hasPassed(session);
        model.put("needsChallenge", askChallenge);
        if (askChallenge) {
            model.putAll(challenge.model(session));
        }
        model.put("challengeError", challengeError);
        List<Map<String, String>> errors = new ArrayList<>();
        if (challengeError != null) {
            errors.add(Map.of("anchor", "challenge-answer", "message", challengeError));
        }
        if (error != null) {
            errors.add(Map.of("anchor", "pseudonym", "message", error));
        }
        model.put("errors", errors);
        model.put("hasErrors", !errors.isEmpty());
        reply.ifPresent(draft -> model.put("hidden", replyHidden(draft)));
        pages.send(res, status, "postbox-login", model);
    }

    // The conversation.

    private void inbox(ServerRequest req, ServerResponse res) {
        Optional<Session> session = openedSession(req);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/postbox");
            return;
        }
        ReplyDraft draft = session.get().get(REPLY).orElse(new ReplyDraft("", Optional.empty()));
        session.get().remove(REPLY);
        boolean sent = session.get().get(SENT_NOTICE).isPresent();
        session.get().remove(SENT_NOTICE);
        sendInbox(res, session.get(), Status.OK_200, draft, sent ? messages.get("postbox.inbox.sent") : null, List.of());
    }

    private static final Session.Key<Boolean> SENT_NOTICE = new Session.Key<>("reply-sent", Boolean.class);

    private void reply(ServerRequest req, ServerResponse res) throws IOException {
        AttachmentUploads.Upload upload = uploads.read(req);
        FormData form = upload.form();
        Optional<ReportDraft.AttachmentRef> attachment = upload.file().isPresent() ? upload.file() : DraftFields.attachmentFrom(form);
        ReplyDraft draft = new ReplyDraft(form.first("reply").replace("\r\n", "\n"), attachment);

        Optional<Session> session = openedSession(req).filter(s -> SessionStore.csrfMatches(s, form.first("csrf")));
        if (session.isEmpty()) {
            Session fresh = sessions.currentOrStart(req, res);
            String notice = sessions.hasCookie(req) ? messages.get("postbox.login.expired") : messages.get("cookies.text");
            sendLogin(res, fresh, Status.OK_200, "", null, notice, Optional.of(draft));
            return;
        }
        List<String> errors = new ArrayList<>();
        if (upload.fileError() != null) {
            errors.add(upload.fileError());
        }
        int chars = draft.text().codePointCount(0, draft.text().length());
        if (draft.text().isBlank() && attachment.isEmpty() && upload.fileError() == null) {
            errors.add(messages.get("postbox.error.reply-empty"));
        }
        if (chars > textMaxChars) {
            errors.add(messages.get("postbox.error.reply-too-long", chars, textMaxChars));
        }
        if (upload.unreadable() || form.malformed()) {
            errors.add(messages.get(upload.unreadable() ? "form.error.unreadable" : "form.error.malformed"));
        }
        if (!errors.isEmpty()) {
            sendInbox(res, session.get(), Status.UNPROCESSABLE_CONTENT_422, draft, null, errors);
            return;
        }
        storeOnce(res, session.get(), draft, form.first("submission"));
    }

    private void storeOnce(ServerResponse res, Session session, ReplyDraft draft, String submission) throws IOException {
        PostboxService.Opened postbox = session.get(OPENED).orElseThrow();
        session.lock().lock();
        try {
            SubmissionTokens sent = session.get(SENT).orElseGet(SubmissionTokens::new);
            session.put(SENT, sent);
            if (!sent.firstUse(submission)) {
                Redirects.seeOther(res, "/postbox/inbox");
                return;
            }
            Optional<Conversation.NewAttachment> file = Optional.empty();
            try {
                // A key from the hidden form fields that is not Base64 fails here, like a wrong key in post().
                file = draft.attachment().map(ref -> new Conversation.NewAttachment(
                        ref.id(), SecretBytes.wrap(Base64.getUrlDecoder().decode(ref.key())), ref.name()));
                conversation.post(postbox.caseId(), Author.REPORTER, draft.text(), file);
            } catch (DecryptionException | IllegalArgumentException e) {
                sendInbox(res, session, Status.UNPROCESSABLE_CONTENT_422,
                        new ReplyDraft(draft.text(), Optional.empty()), null,
                        List.of(messages.get("form.error.attachment-lost")));
                return;
            } finally {
                file.ifPresent(f -> f.key().wipe());
            }
            session.put(SENT_NOTICE, Boolean.TRUE);
            Redirects.seeOther(res, "/postbox/inbox");
        } finally {
            session.lock().unlock();
        }
    }

    private void sendInbox(ServerResponse res, Session session, Status status, ReplyDraft draft, String notice,
                           List<String> errors) {
        PostboxService.Opened postbox = session.get(OPENED).orElseThrow();
        Conversation.Thread thread;
        try {
            thread = conversation.read(postbox.caseId(), postbox.caseKeys());
        } catch (DecryptionException e) {
            LOG.log(Level.WARNING, "A postbox conversation did not decrypt with the postbox key");
            sendMessage(res, Status.INTERNAL_SERVER_ERROR_500, messages.get("error.title"), messages.get("error.500"), "/");
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", messages.get("postbox.title"));
        model.put("csrf", session.csrfToken());
        model.put("reference", postbox.reference());
        String caseStatus = postboxes.status(postbox.caseId());
        model.put("status", messages.has("status." + caseStatus) ? messages.get("status." + caseStatus) : caseStatus);
        model.put("answers", AnswerRows.of(forms.form(thread.report().kind()), thread.report().answers(), messages.locale()));
        model.put("details", thread.report().details());
        model.put("reportAttachments", attachments(thread.reportAttachments()));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Conversation.Message message : thread.messages()) {
            entries.add(Map.of(
                    "fromYou", message.author() == Author.REPORTER,
                    "author", messages.get(message.author() == Author.REPORTER ? "postbox.inbox.from-you" : "postbox.inbox.from-officer"),
                    "time", messages.get("postbox.inbox.received", HOUR.format(Instant.ofEpochSecond(message.createdHour()))),
                    "text", message.text(),
                    "attachments", attachments(message.attachments())));
        }
        model.put("messages", entries);
        model.put("hasMessages", !entries.isEmpty());
        model.put("reply", draft.text());
        model.put("replyHint", messages.get("postbox.inbox.reply-hint", textMaxChars));
        model.put("attachmentLabel", messages.get("postbox.inbox.attachment", Sizes.format(messages, uploads.maxBytes())));
        draft.attachment().ifPresent(file -> model.put("attachment", Map.of("id", file.id(), "key", file.key(),
                "name", file.name(), "size", file.size(),
                "current", messages.get("form.attachment.current", file.name(), Sizes.format(messages, file.size())))));
        model.put("submission", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(org.sealbox.crypto.Sodium.get().randomBytes(16)));
        model.put("notice", notice);
        model.put("errors", errors.stream().map(message -> Map.of("anchor", "reply-input", "message", message)).toList());
        model.put("hasErrors", !errors.isEmpty());
        pages.send(res, status, "postbox-inbox", model);
    }

    private List<Map<String, Object>> attachments(List<Conversation.Attachment> attachments) {
        return attachments.stream()
                .map(a -> Map.<String, Object>of("id", a.id(), "name", a.name(), "size", Sizes.format(messages, a.size())))
                .toList();
    }

    private void download(ServerRequest req, ServerResponse res) throws IOException {
        Optional<Session> session = openedSession(req);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/postbox");
            return;
        }
        PostboxService.Opened postbox = session.get().get(OPENED).orElseThrow();
        Optional<CaseReader.Download> download;
        try {
            download = conversation.download(postbox.caseId(), postbox.caseKeys(), req.path().pathParameters().get("id"));
        } catch (DecryptionException e) {
            LOG.log(Level.WARNING, "A postbox attachment did not decrypt");
            sendMessage(res, Status.INTERNAL_SERVER_ERROR_500, messages.get("error.title"), messages.get("error.500"), "/postbox/inbox");
            return;
        }
        if (download.isEmpty()) {
            sendMessage(res, Status.NOT_FOUND_404, messages.get("error.title"), messages.get("error.404"), "/postbox/inbox");
            return;
        }
        ContentDisposition.sendDownload(res, download.get().name(), download.get().content());
    }

    private void logout(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> current = sessions.current(req);
        current.filter(s -> SessionStore.csrfMatches(s, form.first("csrf")))
                .ifPresent(s -> sessions.end(req, res, s));
        if (current.flatMap(s -> s.get(OPENED)).isPresent()) {
            // The token came from a page of an earlier session and the postbox is still open. Show
            // the inbox, whose log-out form works, rather than claim a log-out that did not happen.
            Redirects.seeOther(res, "/postbox/inbox");
            return;
        }
        sendMessage(res, Status.OK_200, messages.get("postbox.inbox.logout"), messages.get("postbox.logged-out"), "/");
    }

    private Optional<Session> openedSession(ServerRequest req) {
        return sessions.current(req).filter(s -> s.get(OPENED).isPresent());
    }

    private static Optional<ReplyDraft> replyFrom(FormData form) {
        if (!form.has("reply")) {
            return Optional.empty();
        }
        return Optional.of(new ReplyDraft(form.first("reply"), DraftFields.attachmentFrom(form)));
    }

    private static List<Map<String, String>> replyHidden(ReplyDraft draft) {
        List<Map<String, String>> hidden = new ArrayList<>();
        hidden.add(Map.of("name", "reply", "value", draft.text()));
        draft.attachment().ifPresent(file -> {
            hidden.add(Map.of("name", "attachment.id", "value", file.id()));
            hidden.add(Map.of("name", "attachment.key", "value", file.key()));
            hidden.add(Map.of("name", "attachment.name", "value", file.name()));
            hidden.add(Map.of("name", "attachment.size", "value", Long.toString(file.size())));
        });
        return hidden;
    }

    private void sendMessage(ServerResponse res, Status status, String title, String text, String link) {
        pages.send(res, status, "message", Map.of("title", title, "paragraphs", List.of(text),
                "link", Map.of("href", link, "text", messages.get("site.home"))));
    }
}
