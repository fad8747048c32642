package org.sealbox.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.officer.OfficerService;
import org.sealbox.officer.OfficerSessions;
import org.sealbox.report.CaseStore;
import org.sealbox.storage.Database;
import org.sealbox.web.Messages;
import org.sealbox.web.Pages;
import org.sealbox.web.Session;
import org.sealbox.web.SessionCookies;
import org.sealbox.web.SessionStore;

/**
 * What the internal-record and register pages share on the admin listener: the signed-in
 * session, the CSRF check, the message pages for 403 and 404, the frame model of an admin page
 * and the date format. Thread-safe.
 */
public final class OfficerPages {

    /** The format of every date these pages show, in the organisation's time zone. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Pages pages;
    private final OfficerSessions sessions;
    private final Database database;
    private final ZoneId zone;
    private final CaseStore cases = new CaseStore();

    public OfficerPages(Pages pages, SessionCookies cookies, Database database, ZoneId zone) {
        this.pages = pages;
        this.sessions = new OfficerSessions(cookies);
        this.database = database;
        this.zone = zone;
    }

    public Pages pages() {
        return pages;
    }

    public Messages messages() {
        return pages.messages();
    }

    public ZoneId zone() {
        return zone;
    }

    /** Returns the signed-in session of a GET request. */
    public Optional<Session> signedIn(ServerRequest req) {
        return sessions.signedIn(req);
    }

    /** Returns the signed-in session of a POST whose CSRF token belongs to that session. */
    public Optional<Session> signedInWithCsrf(ServerRequest req, String csrf) {
        return sessions.signedIn(req).filter(session -> SessionStore.csrfMatches(session, csrf));
    }

    /** The case as listed, when the officer has a key for it. */
    public Optional<CaseStore.Summary> caseFor(OfficerService.SignedIn officer, String rawId) {
        Optional<Long> id = parseId(rawId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return database.read(h -> cases.findForOfficer(h, id.get(), officer.id())).map(CaseStore.Sealed::summary);
    }

    /** Formats an instant as the officers' pages show it, in the organisation's time zone. */
    public String format(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }

    /** Returns the frame model every admin page needs: title, CSRF token and the signed-in line. */
    public Map<String, Object> baseModel(Session session, String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("csrf", session.csrfToken());
        session.get(OfficerSessions.SIGNED_IN).ifPresent(officer -> {
            model.put("officer", true);
            model.put("signedIn", messages().get("admin.signed-in", officer.username()));
            model.put("administrator", officer.isAdministrator());
        });
        model.put("errors", List.of());
        model.put("hasErrors", false);
        return model;
    }

    public void forbidden(ServerResponse res) {
        message(res, Status.FORBIDDEN_403, messages().get("error.title"), messages().get("error.403"));
    }

    public void notFound(ServerResponse res) {
        message(res, Status.NOT_FOUND_404, messages().get("error.title"), messages().get("error.404"));
    }

    public void unreadable(ServerResponse res) {
        message(res, Status.INTERNAL_SERVER_ERROR_500, messages().get("error.title"), messages().get("admin.case.unreadable"));
    }

    public void message(ServerResponse res, Status status, String title, String text) {
        pages.send(res, status, "admin-message", Map.of("title", title, "paragraphs", List.of(text),
                "link", Map.of("href", "/cases", "text", messages().get("admin.case.back"))));
    }

    private static Optional<Long> parseId(String raw) {
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
