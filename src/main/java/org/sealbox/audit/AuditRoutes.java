package org.sealbox.audit;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.officer.OfficerService;
import org.sealbox.officer.OfficerSessions;
import org.sealbox.officer.Role;
import org.sealbox.web.FormData;
import org.sealbox.web.Messages;
import org.sealbox.web.Pages;
import org.sealbox.web.Redirects;
import org.sealbox.web.Session;
import org.sealbox.web.SessionStore;
import org.sealbox.web.UrlEncodedForms;

/**
 * The audit log for administrators on the admin listener: the entries newest first, and a check
 * of the whole hash chain that names the first entry that was changed or removed.
 */
public final class AuditRoutes implements HttpService {

    static final int PAGE_SIZE = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Pages pages;
    private final Messages messages;
    private final OfficerSessions sessions;
    private final AuditLog audit;
    private final ZoneId zone;

    public AuditRoutes(Pages pages, OfficerSessions sessions, AuditLog audit, ZoneId zone) {
        this.pages = pages;
        this.messages = pages.messages();
        this.sessions = sessions;
        this.audit = audit;
        this.zone = zone;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/audit", this::show)
                .post("/audit/verify", this::verify);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<Session> session = administrator(req, res);
        if (session.isEmpty()) {
            return;
        }
        int page = Math.max(1, req.query().first("page").map(AuditRoutes::parsePage).orElse(1));
        send(res, session.get(), Status.OK_200, page, null);
    }

    private void verify(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> session = administrator(req, res);
        if (session.isEmpty()) {
            return;
        }
        if (!SessionStore.csrfMatches(session.get(), form.first("csrf"))) {
            pages.send(res, Status.FORBIDDEN_403, "admin-message", Map.of("title", messages.get("error.title"),
                    "paragraphs", List.of(messages.get("error.403")),
                    "link", Map.of("href", "/audit", "text", messages.get("audit.title"))));
            return;
        }
        AuditChain.Verification result = audit.verify();
        audit.record(OfficerSessions.officer(session.get()).username(), AuditLog.AUDIT_VERIFY, Optional.empty());
        String outcome = result.intact()
                ? messages.get("audit.verify.intact", result.lastSequence(), HexFormat.of().formatHex(result.lastHash()))
                : messages.get("audit.verify.broken", result.firstBreak().orElseThrow().sequence(),
                        messages.get("audit.problem." + result.firstBreak().orElseThrow().problem().name().toLowerCase(java.util.Locale.ROOT)));
        send(res, session.get(), result.intact() ? Status.OK_200 : Status.CONFLICT_409, 1,
                Map.of("intact", result.intact(), "text", outcome));
    }

    private void send(ServerResponse res, Session session, Status status, int page, Map<String, Object> verification) {
        OfficerService.SignedIn officer = OfficerSessions.officer(session);
        long total = audit.count();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditEntry entry : audit.page((page - 1) * PAGE_SIZE, PAGE_SIZE)) {
            Map<String, Object> row = new HashMap<>();
            row.put("sequence", entry.sequence());
            row.put("time", TIME.format(entry.at().atZone(zone)));
            row.put("officer", entry.officer());
            row.put("action", entry.action());
            // An action without a label in the bundle is shown by its code alone, not twice.
            String label = actionLabel(entry.action());
            row.put("actionLabel", label.equals(entry.action()) ? null : label);
            row.put("caseId", entry.caseReference().orElse(""));
            row.put("hasCase", entry.caseReference().isPresent());
            row.put("subject", entry.subject().orElse(""));
            rows.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", messages.get("audit.title"));
        model.put("csrf", session.csrfToken());
        model.put("officer", true);
        model.put("signedIn", messages.get("admin.signed-in", officer.username()));
        model.put("administrator", officer.isAdministrator());
        model.put("entries", rows);
        model.put("hasEntries", !rows.isEmpty());
        model.put("zone", zone.getId());
        model.put("summary", messages.get("audit.summary", total));
        if (page > 1) {
            model.put("newer", "/audit?page=" + (page - 1));
        }
        if ((long) page * PAGE_SIZE < total) {
            model.put("older", "/audit?page=" + (page + 1));
        }
        model.put("verification", verification);
        model.put("errors", List.of());
        model.put("hasErrors", false);
        pages.send(res, status, "admin-audit", model);
    }

    /**
     * Returns the short description of an action code from the bundle key
     * {@code audit.action.<code>}, or the code itself for an action without one.
     */
    private String actionLabel(String action) {
        String key = "audit.action." + action;
        return messages.has(key) ? messages.get(key) : action;
    }

    /** Returns the session of a logged-in administrator, or answers (log-in redirect or 403) and returns empty. */
    private Optional<Session> administrator(ServerRequest req, ServerResponse res) {
        Optional<Session> session = sessions.signedIn(req);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/login");
            return Optional.empty();
        }
        if (OfficerSessions.officer(session.get()).role() != Role.ADMINISTRATOR) {
            pages.send(res, Status.FORBIDDEN_403, "admin-message", Map.of("title", messages.get("audit.title"),
                    "paragraphs", List.of(messages.get("audit.administrators-only")),
                    "link", Map.of("href", "/cases", "text", messages.get("admin.case.back"))));
            return Optional.empty();
        }
        return session;
    }

    private static int parsePage(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
