package org.sealbox.officer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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

import org.sealbox.crypto.DecryptionException;
import org.sealbox.report.CaseStore;
import org.sealbox.report.FormCatalog;
import org.sealbox.report.AnswerRows;
import org.sealbox.web.FormData;
import org.sealbox.web.Messages;
import org.sealbox.web.Pages;
import org.sealbox.web.Session;
import org.sealbox.web.SessionCookies;
import org.sealbox.web.SessionStore;
import org.sealbox.web.Sizes;
import org.sealbox.web.UrlEncodedForms;

/**
 * The officers' pages on the admin listener: first-run setup, log-in, case list, case page and
 * attachment download. None of these routes exists on the public listener.
 */
public final class OfficerRoutes implements HttpService {

    private static final System.Logger LOG = System.getLogger(OfficerRoutes.class.getName());
    static final Session.Key<OfficerService.SignedIn> SIGNED_IN =
            new Session.Key<>("officer", OfficerService.SignedIn.class);
    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Pages pages;
    private final Messages messages;
    private final SessionCookies sessions;
    private final OfficerService officers;
    private final CaseReader reader;
    private final FirstRunSetup setup;
    private final FormCatalog forms;
    private final ZoneId zone;

    public OfficerRoutes(Pages pages, SessionCookies sessions, OfficerService officers, CaseReader reader,
                         FirstRunSetup setup, FormCatalog forms, ZoneId zone) {
        this.pages = pages;
        this.messages = pages.messages();
        this.sessions = sessions;
        this.officers = officers;
        this.reader = reader;
        this.setup = setup;
        this.forms = forms;
        this.zone = zone;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> redirect(res, "/cases"))
                .get("/login", this::showLogin)
                .post("/login", this::login)
                .post("/logout", this::logout)
                .get("/setup/{token}", this::showSetup)
                .post("/setup/{token}", this::completeSetup)
                .get("/cases", this::listCases)
                .get("/cases/{id}", this::showCase)
                .get("/cases/{id}/attachments/{attachment}", this::downloadAttachment);
    }

    private void showLogin(ServerRequest req, ServerResponse res) {
        Session session = sessions.currentOrStart(req, res);
        if (session.get(SIGNED_IN).isPresent()) {
            redirect(res, "/cases");
            return;
        }
        sendLogin(res, session, Status.OK_200, "", null);
    }

    private void login(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        String username = form.first("username");
        if (!sessions.hasCookie(req)) {
            sendMessage(res, Status.BAD_REQUEST_400, messages.get("cookies.title"), messages.get("cookies.text"));
            return;
        }
        Optional<Session> current = sessions.current(req)
                .filter(session -> SessionStore.csrfMatches(session, form.first("csrf")));
        if (current.isEmpty()) {
            Session fresh = sessions.currentOrStart(req, res);
            sendLogin(res, fresh, Status.OK_200, username, messages.get("admin.login.expired"));
            return;
        }
        Optional<OfficerService.SignedIn> officer = officers.login(username, form.first("password"));
        if (officer.isEmpty()) {
            sendLogin(res, current.get(), Status.UNAUTHORIZED_401, username, messages.get("admin.login.failed"));
            return;
        }
        // A new session id at log-in, so an id known before log-in is worth nothing after it.
        sessions.end(req, res, current.get());
        Session session = sessions.start(req, res);
        session.put(SIGNED_IN, officer.get());
        LOG.log(Level.INFO, "Officer logged in");
        redirect(res, "/cases");
    }

    private void logout(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        sessions.current(req)
                .filter(session -> SessionStore.csrfMatches(session, form.first("csrf")))
                .ifPresent(session -> sessions.end(req, res, session));
        redirect(res, "/login");
    }

    private void showSetup(ServerRequest req, ServerResponse res) {
        String token = req.path().pathParameters().get("token");
        if (!setup.matches(token) || officers.hasOfficers()) {
            sendMessage(res, Status.NOT_FOUND_404, messages.get("admin.setup.title"), messages.get("admin.setup.invalid"));
            return;
        }
        Session session = sessions.currentOrStart(req, res);
        sendSetup(res, session, Status.OK_200, token, "", List.of());
    }

    private void completeSetup(ServerRequest req, ServerResponse res) throws IOException {
        String token = req.path().pathParameters().get("token");
        FormData form = UrlEncodedForms.read(req);
        if (!setup.matches(token) || officers.hasOfficers()) {
            sendMessage(res, Status.NOT_FOUND_404, messages.get("admin.setup.title"), messages.get("admin.setup.invalid"));
            return;
        }
        String username = form.first("username");
        Optional<Session> current = sessions.current(req)
                .filter(session -> SessionStore.csrfMatches(session, form.first("csrf")));
        if (current.isEmpty()) {
            Session fresh = sessions.currentOrStart(req, res);
            sendSetup(res, fresh, Status.OK_200, token, username, List.of(messages.get("admin.login.expired")));
            return;
        }
        String password = form.first("password");
        if (!password.equals(form.first("password-confirm"))) {
            sendSetup(res, current.get(), Status.UNPROCESSABLE_CONTENT_422, token, username,
                    List.of(messages.get("admin.setup.mismatch")));
            return;
        }
        if (!setup.consume(token)) {
            sendMessage(res, Status.NOT_FOUND_404, messages.get("admin.setup.title"), messages.get("admin.setup.invalid"));
            return;
        }
        try {
            officers.create(username, password, Role.ADMINISTRATOR);
        } catch (OfficerService.InvalidAccountException e) {
            setup.restore(token);
            sendSetup(res, current.get(), Status.UNPROCESSABLE_CONTENT_422, token, username,
                    List.of(messages.get(e.messageKey())));
            return;
        }
        LOG.log(Level.INFO, "First officer created through the setup link");
        redirect(res, "/login");
    }

    private void listCases(ServerRequest req, ServerResponse res) {
        Optional<Session> session = signedInSession(req);
        if (session.isEmpty()) {
            redirect(res, "/login");
            return;
        }
        OfficerService.SignedIn officer = session.get().get(SIGNED_IN).orElseThrow();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CaseStore.Summary summary : reader.list(officer.id())) {
            rows.add(summaryModel(summary));
        }
        Map<String, Object> model = baseModel(session.get(), messages.get("admin.cases.title"));
        model.put("cases", rows);
        model.put("hasCases", !rows.isEmpty());
        pages.send(res, "admin-cases", model);
    }

    private void showCase(ServerRequest req, ServerResponse res) {
        Optional<Session> session = signedInSession(req);
        if (session.isEmpty()) {
            redirect(res, "/login");
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
            sendMessage(res, Status.NOT_FOUND_404, messages.get("error.title"), messages.get("error.404"));
            return;
        }
        if (unreadable) {
            sendMessage(res, Status.INTERNAL_SERVER_ERROR_500, messages.get("error.title"), messages.get("admin.case.unreadable"));
            return;
        }
        CaseReader.OpenCase found = open.get();
        Map<String, Object> model = baseModel(session.get(), messages.get("admin.case.title", found.summary().reference()));
        model.putAll(summaryModel(found.summary()));
        model.put("answers", AnswerRows.of(forms.form(found.content().kind()), found.content().answers(),
                messages.locale()));
        model.put("details", found.content().details());
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (CaseReader.Attachment attachment : found.attachments()) {
            attachments.add(Map.of("caseId", found.summary().id(), "id", attachment.id(), "name", attachment.name(),
                    "size", Sizes.format(messages, attachment.size()), "sha256", attachment.sha256Hex()));
        }
        model.put("attachments", attachments);
        model.put("hasAttachments", !attachments.isEmpty());
        LOG.log(Level.INFO, "Officer opened a case");
        pages.send(res, "admin-case", model);
    }

    private void downloadAttachment(ServerRequest req, ServerResponse res) throws IOException {
        Optional<Session> session = signedInSession(req);
        if (session.isEmpty()) {
            redirect(res, "/login");
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
        res.headers().set(HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/octet-stream"));
        res.headers().set(HeaderValues.create(HeaderNames.CONTENT_DISPOSITION, contentDisposition(download.get().name())));
        res.send(download.get().content());
    }

    /** An attachment disposition with an ASCII fallback name and the UTF-8 name per RFC 6266 / RFC 5987. */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private Optional<Session> signedInSession(ServerRequest req) {
        return sessions.current(req).filter(session -> session.get(SIGNED_IN).isPresent());
    }

    private Map<String, Object> summaryModel(CaseStore.Summary summary) {
        Map<String, Object> model = new HashMap<>();
        model.put("id", summary.id());
        model.put("reference", summary.reference());
        model.put("kind", messages.get("admin.kind." + summary.kind().id()));
        model.put("received", RECEIVED.format(Instant.ofEpochSecond(summary.receivedHour()).atZone(zone)));
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
            model.put("signedIn", messages.get("admin.signed-in", officer.username()));
        });
        model.put("errors", List.of());
        model.put("hasErrors", false);
        return model;
    }

    private void sendLogin(ServerResponse res, Session session, Status status, String username, String error) {
        Map<String, Object> model = baseModel(session, messages.get("admin.login.title"));
        model.put("username", username);
        if (error != null) {
            model.put("errors", List.of(Map.of("message", error)));
            model.put("hasErrors", true);
        }
        pages.send(res, status, "admin-login", model);
    }

    private void sendSetup(ServerResponse res, Session session, Status status, String token, String username,
                           List<String> errors) {
        Map<String, Object> model = baseModel(session, messages.get("admin.setup.title"));
        model.put("token", token);
        model.put("username", username);
        model.put("passwordHint", messages.get("admin.setup.password-hint", OfficerService.MIN_PASSWORD_CHARS));
        model.put("errors", errors.stream().map(message -> Map.of("message", message)).toList());
        model.put("hasErrors", !errors.isEmpty());
        pages.send(res, status, "admin-setup", model);
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

    private static void redirect(ServerResponse res, String path) {
        res.status(Status.SEE_OTHER_303);
        res.headers().set(HeaderValues.create(HeaderNames.LOCATION, path));
        res.send();
    }
}
