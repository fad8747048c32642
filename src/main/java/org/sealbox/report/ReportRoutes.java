package org.sealbox.report;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.challenge.Challenge;
import org.sealbox.challenge.ChallengeImage;
import org.sealbox.challenge.ChallengeService;
import org.sealbox.challenge.ChallengeViews;
import org.sealbox.config.SealboxConfig;
import org.sealbox.postbox.PostboxRoutes;
import org.sealbox.storage.AttachmentFiles;
import org.sealbox.web.FormData;
import org.sealbox.web.Messages;
import org.sealbox.web.Pages;
import org.sealbox.web.Redirects;
import org.sealbox.web.Session;
import org.sealbox.web.SessionCookies;
import org.sealbox.web.SessionStore;
import org.sealbox.web.UrlEncodedForms;

/**
 * The reporter's path on the public listener: landing page, advice and security question,
 * choice of kind, form, review and receipt.
 *
 * <p>What was typed is never lost: the form page re-renders every value with its errors, the
 * review page carries the whole draft in hidden fields, and a POST whose session has ended gets
 * the form back filled in with only the security question to answer again.
 */
public final class ReportRoutes implements HttpService {

    private static final System.Logger LOG = System.getLogger(ReportRoutes.class.getName());
    private static final Session.Key<ReportDraft> DRAFT = new Session.Key<>("draft", ReportDraft.class);
    private static final Session.Key<Receipts> RECEIPTS = new Session.Key<>("receipts", Receipts.class);
    private static final int MAX_SUBMISSION_TOKEN_CHARS = 64;

    private final Pages pages;
    private final Messages messages;
    private final SessionCookies sessions;
    private final ChallengeService challenges;
    private final FormCatalog forms;
    private final ReportService reports;
    private final AttachmentFiles files;
    private final SealboxConfig config;
    private final ReportValidator validator;
    private final ReportViews views;
    private final ChallengeViews challengeViews;
    private final AttachmentUploads uploads;

    public ReportRoutes(Pages pages, SessionCookies sessions, ChallengeService challenges, FormCatalog forms,
                        ReportService reports, AttachmentFiles files, SealboxConfig config) {
        this.pages = pages;
        this.messages = pages.messages();
        this.sessions = sessions;
        this.challenges = challenges;
        this.forms = forms;
        this.reports = reports;
        this.files = files;
        this.config = config;
        this.validator = new ReportValidator(config.textMaxChars());
        this.views = new ReportViews(messages, validator, config.attachmentMaxBytes());
        this.challengeViews = new ChallengeViews(challenges, messages);
        this.uploads = new AttachmentUploads(files, messages, config.attachmentMaxBytes());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::landing)
                .get("/anonymity", this::anonymity)
                .get("/report", this::start)
                .post("/report/start", this::answerStart)
                .get("/report/kind", this::chooseKind)
                .get("/report/form/{kind}", this::showForm)
                .post("/report/form/{kind}", this::submitForm)
                .get("/report/review", this::review)
                .post("/report/send", this::send)
                .get("/report/receipt", this::receipt)
                .get("/challenge.png", this::challengeImage);
    }

    private void landing(ServerRequest req, ServerResponse res) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", messages.get("landing.title"));
        model.put("intro", messages.get("landing.intro", config.organisationName()));
        model.put("privacyLinks", config.privacyLinks());
        model.put("hasPrivacyLinks", !config.privacyLinks().isEmpty());
        pages.send(res, "landing", model);
    }

    /** Sends the advice page on staying anonymous, which needs no session. */
    private void anonymity(ServerRequest req, ServerResponse res) {
        pages.send(res, "anonymity", Map.of("title", messages.get("anonymity.title")));
    }

    private void start(ServerRequest req, ServerResponse res) {
        if (!reports.isOpen()) {
            sendClosed(res);
            return;
        }
        Session session = sessions.currentOrStart(req, res);
        if (challenges.hasPassed(session)) {
            Redirects.seeOther(res, "/report/kind");
            return;
        }
        sendStart(res, session, Status.OK_200, null);
    }

    private void answerStart(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        if (!sessions.hasCookie(req)) {
            sendCookiesNeeded(res);
            return;
        }
        Optional<Session> current = sessions.current(req);
        if (current.isEmpty() || !SessionStore.csrfMatches(current.get(), form.first("csrf"))) {
            Session session = current.orElseGet(() -> sessions.start(req, res));
            challenges.renew(session);
            sendStart(res, session, Status.OK_200, messages.get("challenge.error.expired"));
            return;
        }
        Session session = current.get();
        Optional<String> problem = challengeViews.check(session, form);
        if (problem.isPresent()) {
            sendStart(res, session, Status.UNPROCESSABLE_CONTENT_422, problem.get());
            return;
        }
        Redirects.seeOther(res, "/report/kind");
    }

    private void chooseKind(ServerRequest req, ServerResponse res) {
        Optional<Session> session = sessions.current(req).filter(challenges::hasPassed);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/report");
            return;
        }
        pages.send(res, "report-kind", Map.of("title", messages.get("kind.title")));
    }

    private void showForm(ServerRequest req, ServerResponse res) {
        Optional<ReportKind> kind = ReportKind.fromId(req.path().pathParameters().get("kind"));
        if (kind.isEmpty()) {
            sendNotFound(res);
            return;
        }
        Optional<Session> session = sessions.current(req).filter(challenges::hasPassed);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/report");
            return;
        }
        FormCatalog.Form form = forms.form(kind.get());
        ReportDraft draft = session.get().get(DRAFT)
                .filter(saved -> saved.kind() == kind.get())
                .orElseGet(() -> new ReportDraft(kind.get(), Map.of(), "", Optional.empty()));
        sendForm(res, session.get(), form, draft, ReportViews.FormState.clean(), Status.OK_200);
    }

    private void submitForm(ServerRequest req, ServerResponse res) throws IOException {
        Optional<ReportKind> kind = ReportKind.fromId(req.path().pathParameters().get("kind"));
        if (kind.isEmpty()) {
            sendNotFound(res);
            return;
        }
        FormCatalog.Form form = forms.form(kind.get());

        AttachmentUploads.Upload upload = uploads.read(req);
        FormData data = upload.form();
        Optional<ReportDraft.AttachmentRef> attachment = DraftFields.attachmentFrom(data);
        if (data.has(DraftFields.ATTACHMENT_REMOVE) || upload.file().isPresent()) {
            deleteDraftQuietly(data.first(DraftFields.ATTACHMENT_ID));
        }
        if (upload.file().isPresent()) {
            attachment = upload.file();
        }
        ReportDraft draft = DraftFields.fromForm(form, data, attachment);

        String formError = upload.unreadable() ? messages.get("form.error.unreadable")
                : data.malformed() ? messages.get("form.error.malformed") : null;
        List<ReportValidator.Problem> problems = validator.validate(form, draft, messages.locale());

        SessionCheck check = checkSession(req, res, data);
        if (check.challengeError != null) {
            var state = new ReportViews.FormState(problems, upload.fileError(), formError, check.challengeError, true);
            sendForm(res, check.session, form, draft, state, Status.OK_200);
            return;
        }
        if (!problems.isEmpty() || upload.fileError() != null || formError != null) {
            var state = new ReportViews.FormState(problems, upload.fileError(), formError, null, false);
            sendForm(res, check.session, form, draft, state, Status.UNPROCESSABLE_CONTENT_422);
            return;
        }
        check.session.put(DRAFT, draft);
        Redirects.seeOther(res, "/report/review");
    }

    private void review(ServerRequest req, ServerResponse res) {
        Optional<Session> session = sessions.current(req).filter(challenges::hasPassed);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/report");
            return;
        }
        Optional<ReportDraft> draft = session.get().get(DRAFT);
        if (draft.isEmpty()) {
            Redirects.seeOther(res, "/report/kind");
            return;
        }
        String submission = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(org.sealbox.crypto.Sodium.get().randomBytes(16));
        Map<String, Object> model = views.review(forms.form(draft.get().kind()), draft.get(), submission);
        model.put("csrf", session.get().csrfToken());
        pages.send(res, "report-review", model);
    }

    private void send(ServerRequest req, ServerResponse res) throws IOException {
        FormData data = UrlEncodedForms.read(req);
        Optional<Session> live = sessions.current(req)
                .filter(session -> SessionStore.csrfMatches(session, data.first("csrf")));
        if (live.isEmpty() || "change".equals(data.first("action"))) {
            sendChecked(req, res, data);
            return;
        }
        // Sending a case ends the session's pass of the security question, so a repeated "Send now"
        // must find its receipt before the question is asked. The lock also orders concurrent sends.
        Session session = live.get();
        session.lock().lock();
        try {
            if (!showEarlierReceipt(res, session, data.first("submission"))) {
                sendChecked(req, res, data);
            }
        } finally {
            session.lock().unlock();
        }
    }

    private void sendChecked(ServerRequest req, ServerResponse res, FormData data) throws IOException {
        Optional<ReportKind> kind = ReportKind.fromId(data.first("kind"));
        if (kind.isEmpty()) {
            sendError(res, Status.BAD_REQUEST_400, "error.400");
            return;
        }
        FormCatalog.Form form = forms.form(kind.get());
        ReportDraft draft = DraftFields.fromForm(form, data, DraftFields.attachmentFrom(data));
        String formError = data.malformed() ? messages.get("form.error.malformed") : null;

        SessionCheck check = checkSession(req, res, data);
        if (check.challengeError != null) {
            var state = new ReportViews.FormState(List.of(), null, formError, check.challengeError, true);
            sendForm(res, check.session, form, draft, state, Status.OK_200);
            return;
        }
        Session session = check.session;
        if ("change".equals(data.first("action"))) {
            sendForm(res, session, form, draft, new ReportViews.FormState(List.of(), null, formError, null, false),
                    Status.OK_200);
            return;
        }
        List<ReportValidator.Problem> problems = validator.validate(form, draft, messages.locale());
        String submission = data.first("submission");
        if (!problems.isEmpty() || formError != null || submission.isEmpty()
                || submission.length() > MAX_SUBMISSION_TOKEN_CHARS) {
            var state = new ReportViews.FormState(problems, null,
                    formError != null ? formError : problems.isEmpty() ? messages.get("form.error.unreadable") : null,
                    null, false);
            sendForm(res, session, form, draft, state, Status.UNPROCESSABLE_CONTENT_422);
            return;
        }
        sendOnce(res, session, form, draft, submission);
    }

    /** Creates the case unless this submission token already created one in this session. */
    private void sendOnce(ServerResponse res, Session session, FormCatalog.Form form, ReportDraft draft,
                          String submission) throws IOException {
        session.lock().lock();
        try {
            if (showEarlierReceipt(res, session, submission)) {
                return;
            }
            Receipts receipts = session.get(RECEIPTS).orElseGet(Receipts::new);
            ReportService.Submitted submitted;
            try {
                submitted = reports.submit(draft);
            } catch (ReportService.NoRecipientException e) {
                sendClosed(res);
                return;
            } catch (ReportService.AttachmentLostException e) {
                ReportDraft withoutFile = new ReportDraft(draft.kind(), draft.answers(), draft.details(), Optional.empty());
                var state = new ReportViews.FormState(List.of(), messages.get("form.error.attachment-lost"), null, null, false);
                sendForm(res, session, form, withoutFile, state, Status.UNPROCESSABLE_CONTENT_422);
                return;
            }
            receipts.add(submission, new Receipts.Receipt(submitted.reference(), draft.kind()));
            // Kept in memory only until the reporter sets up a postbox or the session ends.
            session.put(PostboxRoutes.PENDING, new PostboxRoutes.PendingPostbox(submitted.caseId(), submitted.caseKeys()));
            session.put(RECEIPTS, receipts);
            session.remove(DRAFT);
            // The next report needs a new answer to the security question.
            session.remove(ChallengeService.PASSED);
            Redirects.seeOther(res, "/report/receipt");
        } finally {
            session.lock().unlock();
        }
    }

    /** Redirects to the receipt when this session already sent {@code submission}; returns whether it did. */
    private static boolean showEarlierReceipt(ServerResponse res, Session session, String submission) {
        Optional<Receipts> receipts = session.get(RECEIPTS);
        if (receipts.isEmpty() || receipts.get().find(submission).isEmpty()) {
            return false;
        }
        receipts.get().showLast(submission);
        Redirects.seeOther(res, "/report/receipt");
        return true;
    }

    private void receipt(ServerRequest req, ServerResponse res) {
        Optional<Receipts.Receipt> receipt = sessions.current(req)
                .flatMap(session -> session.get(RECEIPTS))
                .flatMap(Receipts::last);
        if (receipt.isEmpty()) {
            Redirects.seeOther(res, "/");
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", messages.get("receipt.title"));
        model.put("done", messages.get("receipt.done", messages.get("review.kind." + receipt.get().kind().id())));
        model.put("reference", receipt.get().reference());
        sessions.current(req).filter(session -> session.get(PostboxRoutes.PENDING).isPresent())
                .ifPresent(session -> {
                    model.put("csrf", session.csrfToken());
                    model.put("showSetup", true);
                });
        pages.send(res, "report-receipt", model);
    }

    private void challengeImage(ServerRequest req, ServerResponse res) {
        Optional<Challenge> challenge = sessions.current(req).map(challenges::current);
        if (challenge.isEmpty()) {
            sendNotFound(res);
            return;
        }
        res.headers().set(HeaderValues.create(HeaderNames.CONTENT_TYPE, "image/png"));
        res.send(ChallengeImage.png(challenge.get().digits()));
    }

    /** The session to continue with, and the security-question message when it must be asked again. */
    private record SessionCheck(Session session, String challengeError) {
    }

    /**
     * Finds the live, verified session of a form POST. Without one (expired, cookie missing or
     * CSRF token wrong) the form is shown again with the security question; when the POST itself
     * answers the question correctly, the session is verified and the POST goes on.
     */
    private SessionCheck checkSession(ServerRequest req, ServerResponse res, FormData data) {
        Optional<Session> current = sessions.current(req)
                .filter(session -> SessionStore.csrfMatches(session, data.first("csrf")));
        if (current.isPresent() && challenges.hasPassed(current.get())) {
            return new SessionCheck(current.get(), null);
        }
        if (current.isPresent() && data.has("challenge")) {
            Optional<String> problem = challengeViews.check(current.get(), data);
            return new SessionCheck(current.get(), problem.orElse(null));
        }
        Session session = sessions.current(req).orElseGet(() -> sessions.start(req, res));
        challenges.renew(session);
        String message = sessions.hasCookie(req) ? messages.get("challenge.error.expired") : messages.get("cookies.text");
        return new SessionCheck(session, message);
    }





    private void deleteDraftQuietly(String id) {
        try {
            files.deleteDraft(id);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete a replaced draft attachment: {0}", e.getClass().getSimpleName());
        }
    }

    private void sendStart(ServerResponse res, Session session, Status status, String challengeError) {
        Map<String, Object> model = new HashMap<>(challengeViews.model(session));
        model.put("title", messages.get("start.title"));
        model.put("csrf", session.csrfToken());
        model.put("challengeError", challengeError);
        pages.send(res, status, "report-start", model);
    }

    private void sendForm(ServerResponse res, Session session, FormCatalog.Form form, ReportDraft draft,
                          ReportViews.FormState state, Status status) {
        Map<String, Object> model = views.form(form, draft, state);
        model.put("csrf", session.csrfToken());
        if (state.askChallenge()) {
            model.putAll(challengeViews.model(session));
        }
        pages.send(res, status, "report-form", model);
    }


    private void sendCookiesNeeded(ServerResponse res) {
        pages.send(res, Status.BAD_REQUEST_400, "message", Map.of(
                "title", messages.get("cookies.title"),
                "paragraphs", List.of(messages.get("cookies.text")),
                "link", Map.of("href", "/report", "text", messages.get("start.continue"))));
    }

    private void sendClosed(ServerResponse res) {
        pages.send(res, Status.SERVICE_UNAVAILABLE_503, "message", Map.of(
                "title", messages.get("closed.title"),
                "paragraphs", List.of(messages.get("closed.text"))));
    }

    private void sendNotFound(ServerResponse res) {
        sendError(res, Status.NOT_FOUND_404, "error.404");
    }

    private void sendError(ServerResponse res, Status status, String key) {
        pages.send(res, status, "message", Map.of(
                "title", messages.get("error.title"),
                "paragraphs", List.of(messages.get(key)),
                "link", Map.of("href", "/", "text", messages.get("site.home"))));
    }
}
