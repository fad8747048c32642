package org.sealbox.officer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Base64;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.audit.AuditLog;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.report.CaseStore;
import org.sealbox.report.FormCatalog;
import org.sealbox.report.AnswerRows;
import org.sealbox.crypto.Sodium;
import org.sealbox.postbox.Author;
import org.sealbox.postbox.Conversation;
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
 * The officers' case pages on the admin listener: case page, attachment download and reply.
 * Log-in, setup and the other account pages are in {@link AccountRoutes}. None of these routes
 * exists on the public listener.
 */
public final class OfficerRoutes implements HttpService {

    private static final System.Logger LOG = System.getLogger(OfficerRoutes.class.getName());
    static final Session.Key<OfficerService.SignedIn> SIGNED_IN = OfficerSessions.SIGNED_IN;
    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Pages pages;
    private final Messages messages;
    private final SessionCookies sessions;
    private final CaseReader reader;
    private final FormCatalog forms;
    private final ZoneId zone;
    private final Conversation conversation;
    private final int textMaxChars;
    private final AuditLog audit;
    private final java.util.List<CasePageSection> sections = new java.util.concurrent.CopyOnWriteArrayList<>();

    public OfficerRoutes(Pages pages, SessionCookies sessions, CaseReader reader, FormCatalog forms, ZoneId zone,
                         Conversation conversation, int textMaxChars, AuditLog audit) {
        this.pages = pages;
        this.messages = pages.messages();
        this.sessions = sessions;
        this.reader = reader;
        this.forms = forms;
        this.zone = zone;
        this.conversation = conversation;
        this.textMaxChars = textMaxChars;
        this.audit = audit;
    }

    /** Adds a part to every case page; call before the server starts. */
    public void addSection(CasePageSection section) {
        sections.add(section);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> Redirects.seeOther(res, "/cases"))
                .get("/cases/{id}", this::showCase)
                .get("/cases/{id}/attachments/{attachment}", this::downloadAttachment)
                .post("/cases/{id}/messages", this::postMessage);
    }

    private void showCase(ServerRequest req, ServerResponse res) {
        Optional<Session> session = signedInSession(req);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/login");
            return;
        }
        OfficerService.SignedIn officer = session.get().get(SIGNED_IN).orElseThrow();
        Optional<Long> caseId = parseId(req.path().pathParameters().get("id"));
        Optional<CaseReader.OpenCase> open;
        boolean unreadable = false;
        try {
            open = caseId.isEmpty() ? Optional.empty() : reader.open(officer, caseId.get());
        } catch (DecryptionException e) {
            LOG.log(Level.WARNING, "A case did not decrypt with the officer's key");
            open = Optional.empty();
            unreadable = true;
        }
        if (open.isEmpty() && !unreadable) {
            sendMessage(res, Status.NOT_FOUND_404, messages.get("error.title"), messages.get("admin.case.not-found"));
            return;
        }
        if (unreadable) {
            sendMessage(res, Status.INTERNAL_SERVER_ERROR_500, messages.get("error.title"), messages.get("admin.case.unreadable"));
            return;
        }
        CaseReader.OpenCase found = open.get();
        boolean sent = session.get().get(REPLY_SENT).isPresent();
        session.get().remove(REPLY_SENT);
        Map<String, Object> model = caseModel(session.get(), found, "",
                sent ? messages.get("admin.case.reply-sent") : null, null);
        audit.record(officer.username(), AuditLog.CASE_VIEW, Optional.of(found.summary().id()));
        LOG.log(Level.INFO, "Officer opened a case");
        pages.send(res, "admin-case", model);
    }

    private Map<String, Object> caseModel(Session session, CaseReader.OpenCase found, String reply, String notice,
                                          String error) {
        Conversation.Thread thread = found.thread();
        long caseId = found.summary().id();
        Map<String, Object> model = baseModel(session, messages.get("admin.case.title", found.summary().reference()));
        model.putAll(summaryModel(found.summary()));
        model.put("answers", AnswerRows.of(forms.form(thread.report().kind()), thread.report().answers(),
                messages.locale()));
        model.put("details", thread.report().details());
        model.put("attachments", attachmentModels(caseId, thread.reportAttachments()));
        model.put("hasAttachments", !thread.reportAttachments().isEmpty());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Conversation.Message message : thread.messages()) {
            entries.add(Map.of(
                    "fromReporter", message.author() == Author.REPORTER,
                    "author", messages.get(message.author() == Author.REPORTER ? "admin.case.from-reporter" : "admin.case.from-officer"),
                    "time", RECEIVED.format(Instant.ofEpochSecond(message.createdHour()).atZone(zone)),
                    "text", message.text(),
                    "attachments", attachmentModels(caseId, message.attachments())));
        }
        model.put("messages", entries);
        model.put("hasPostbox", found.hasPostbox());
        model.put("postboxState", messages.get(found.hasPostbox() ? "admin.case.postbox-yes" : "admin.case.postbox-no"));
        model.put("reply", reply);
        model.put("notice", notice);
        model.put("replyError", error);
        model.put("submission", Base64.getUrlEncoder().withoutPadding().encodeToString(Sodium.get().randomBytes(16)));
        OfficerService.SignedIn officer = session.get(SIGNED_IN).orElseThrow();
        for (CasePageSection section : sections) {
            model.putAll(section.model(session, officer, found));
        }
        return model;
    }

    private List<Map<String, Object>> attachmentModels(long caseId, List<Conversation.Attachment> attachments) {
        List<Map<String, Object>> models = new ArrayList<>();
        for (Conversation.Attachment attachment : attachments) {
            models.add(Map.of("caseId", caseId, "id", attachment.id(), "name", attachment.name(),
                    "size", Sizes.format(messages, attachment.size()), "sha256", attachment.sha256Hex()));
        }
        return models;
    }

    private void postMessage(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> session = signedInSession(req)
                .filter(s -> SessionStore.csrfMatches(s, form.first("csrf")));
        if (session.isEmpty()) {
            sendMessage(res, Status.FORBIDDEN_403, messages.get("error.title"), messages.get("error.403"));
            return;
        }
        OfficerService.SignedIn officer = session.get().get(SIGNED_IN).orElseThrow();
        Optional<Long> caseId = parseId(req.path().pathParameters().get("id"));
        if (caseId.isEmpty() || !reader.canAccess(officer, caseId.get())) {
            sendMessage(res, Status.NOT_FOUND_404, messages.get("error.title"), messages.get("admin.case.not-found"));
            return;
        }
        String text = form.first("reply").replace("\r\n", "\n");
        if (text.isBlank()) {
            sendCase(res, session.get(), officer, caseId.get(), text, null, messages.get("admin.case.reply-empty"));
            return;
        }
        int chars = text.codePointCount(0, text.length());
        if (chars > textMaxChars) {
            sendCase(res, session.get(), officer, caseId.get(), text, null,
                    messages.get("postbox.error.reply-too-long", chars, textMaxChars));
            return;
        }
        session.get().lock().lock();
        try {
            SubmissionTokens sent = session.get().get(SENT).orElseGet(SubmissionTokens::new);
            session.get().put(SENT, sent);
            if (sent.firstUse(form.first("submission"))) {
                conversation.post(caseId.get(), Author.OFFICER, text, Optional.empty());
                session.get().put(REPLY_SENT, Boolean.TRUE);
                audit.record(officer.username(), AuditLog.CASE_REPLY, caseId);
                LOG.log(Level.INFO, "Officer replied to a case");
            }
        } catch (DecryptionException e) {
            throw new IllegalStateException("a message without attachment cannot fail to decrypt", e);
        } finally {
            session.get().lock().unlock();
        }
        Redirects.seeOther(res, "/cases/" + caseId.get() + "#conversation");
    }

    private void sendCase(ServerResponse res, Session session, OfficerService.SignedIn officer, long caseId,
                          String reply, String notice, String error) {
        Optional<CaseReader.OpenCase> open;
        try {
            open = reader.open(officer, caseId);
        } catch (DecryptionException e) {
            sendMessage(res, Status.INTERNAL_SERVER_ERROR_500, messages.get("error.title"), messages.get("admin.case.unreadable"));
            return;
        }
        if (open.isEmpty()) {
            sendMessage(res, Status.NOT_FOUND_404, messages.get("error.title"), messages.get("admin.case.not-found"));
            return;
        }
        pages.send(res, error == null ? Status.OK_200 : Status.UNPROCESSABLE_CONTENT_422, "admin-case",
                caseModel(session, open.get(), reply, notice, error));
    }

    private static final Session.Key<Boolean> REPLY_SENT = new Session.Key<>("reply-sent", Boolean.class);
    private static final Session.Key<SubmissionTokens> SENT = new Session.Key<>("sent-messages", SubmissionTokens.class);

    private void downloadAttachment(ServerRequest req, ServerResponse res) throws IOException {
        Optional<Session> session = signedInSession(req);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/login");
            return;
        }
        OfficerService.SignedIn officer = session.get().get(SIGNED_IN).orElseThrow();
        Optional<Long> caseId = parseId(req.path().pathParameters().get("id"));
        String attachmentId = req.path().pathParameters().get("attachment");
        Optional<CaseReader.Download> download;
        try {
            download = caseId.isEmpty() ? Optional.empty() : reader.download(officer, caseId.get(), attachmentId);
        } catch (DecryptionException e) {
            LOG.log(Level.WARNING, "An attachment did not decrypt; the file may have been changed on disk");
            sendMessage(res, Status.INTERNAL_SERVER_ERROR_500, messages.get("error.title"), messages.get("admin.case.unreadable"));
            return;
        }
        if (download.isEmpty()) {
            sendMessage(res, Status.NOT_FOUND_404, messages.get("error.title"), messages.get("error.404"));
            return;
        }
        audit.record(officer.username(), AuditLog.CASE_DOWNLOAD, caseId);
        ContentDisposition.sendDownload(res, download.get().name(), download.get().content());
    }

    private Optional<Session> signedInSession(ServerRequest req) {
        return sessions.current(req).filter(session -> session.get(SIGNED_IN).isPresent());
    }

    private Map<String, Object> summaryModel(CaseStore.Summary summary) {
        Map<String, Object> model = new HashMap<>();
        model.put("id", summary.id());
        model.put("reference", summary.reference());
        model.put("kind", messages.get("admin.kind." + summary.kind().id()));
        model.put("received", messages.get("admin.received",
                RECEIVED.format(Instant.ofEpochSecond(summary.receivedHour()).atZone(zone)), zone.getId()));
        String statusKey = "admin.status." + summary.status();
        model.put("status", messages.has(statusKey) ? messages.get(statusKey) : summary.status());
        return model;
    }

    private Map<String, Object> baseModel(Session session, String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("csrf", session.csrfToken());
        session.get(SIGNED_IN).ifPresent(officer -> {
            model.put("officer", true);
            model.put("administrator", officer.isAdministrator());
            model.put("signedIn", messages.get("admin.signed-in", officer.username()));
        });
        model.put("errors", List.of());
        model.put("hasErrors", false);
        return model;
    }

    private void sendMessage(ServerResponse res, Status status, String title, String text) {
        pages.send(res, status, "admin-message", Map.of("title", title, "paragraphs", List.of(text),
                "link", Map.of("href", "/cases", "text", messages.get("admin.case.back"))));
    }

    private static Optional<Long> parseId(String raw) {
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
