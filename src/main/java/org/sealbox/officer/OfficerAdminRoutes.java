package org.sealbox.officer;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.web.FormData;
import org.sealbox.web.Messages;
import org.sealbox.web.Pages;
import org.sealbox.web.Redirects;
import org.sealbox.web.Session;
import org.sealbox.web.SessionStore;
import org.sealbox.web.UrlEncodedForms;

/**
 * The administrators' "Officers" page: the accounts, pending invitations with a form to withdraw
 * each, a form that creates an invitation and shows its activation link once, and deactivation,
 * which needs a ticked confirmation box because it cannot be undone. Officers who are not
 * administrators get a 403 page.
 */
public final class OfficerAdminRoutes implements HttpService {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** A Host header that may be shown inside a link: a host name or address with an optional port. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?");
    private static final Session.Key<String> NEW_LINK = new Session.Key<>("invitation-link", String.class);
    private static final Session.Key<String> NOTICE = new Session.Key<>("officers-notice", String.class);

    private final AdminPage page;
    private final Messages messages;
    private final OfficerSessions sessions;
    private final OfficerAdmin admin;
    private final ZoneId zone;

    public OfficerAdminRoutes(Pages pages, OfficerSessions sessions, OfficerAdmin admin, ZoneId zone) {
        this.page = new AdminPage(pages);
        this.messages = pages.messages();
        this.sessions = sessions;
        this.admin = admin;
        this.zone = zone;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/officers", this::show)
                .post("/officers/invite", this::invite)
                .post("/officers/{id}/deactivate", this::deactivate)
                .post("/officers/invitations/{id}/withdraw", this::withdraw);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<Session> session = sessions.signedIn(req);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/login");
            return;
        }
        if (!OfficerSessions.officer(session.get()).isAdministrator()) {
            sendAdministratorsOnly(res);
            return;
        }
        String link = session.get().get(NEW_LINK).orElse(null);
        String notice = session.get().get(NOTICE).orElse(null);
        session.get().remove(NEW_LINK);
        session.get().remove(NOTICE);
        send(res, session.get(), Status.OK_200, "", link, notice, List.of());
    }

    private void invite(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> session = administratorPost(req, res, form);
        if (session.isEmpty()) {
            return;
        }
        OfficerService.SignedIn administrator = OfficerSessions.officer(session.get());
        String username = form.first("username");
        Role role;
        try {
            role = Role.fromId(form.first("role"));
        } catch (IllegalArgumentException e) {
            send(res, session.get(), Status.UNPROCESSABLE_CONTENT_422, username, null, null,
                    List.of(messages.get("officers.error.role")));
            return;
        }
        String token;
        try {
            token = admin.invite(administrator, username, role);
        } catch (OfficerService.InvalidAccountException e) {
            send(res, session.get(), Status.UNPROCESSABLE_CONTENT_422, username, null, null,
                    List.of(messages.get(e.messageKey())));
            return;
        }
        session.get().put(NEW_LINK, origin(req) + "/activate/" + token);
        Redirects.seeOther(res, "/officers#new-link");
    }

    private void deactivate(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> session = administratorPost(req, res, form);
        if (session.isEmpty()) {
            return;
        }
        if (!Confirmation.given(form)) {
            send(res, session.get(), Status.UNPROCESSABLE_CONTENT_422, "", null, null,
                    List.of(messages.get("officers.error.confirm")));
            return;
        }
        Optional<Long> officerId = parseId(req.path().pathParameters().get("id"));
        OfficerAdmin.Deactivation result = officerId.isEmpty()
                ? OfficerAdmin.Deactivation.NOT_FOUND
                : admin.deactivate(OfficerSessions.officer(session.get()), officerId.get());
        switch (result) {
            case DONE -> {
                session.get().put(NOTICE, messages.get("officers.deactivated"));
                Redirects.seeOther(res, "/officers");
            }
            case NOT_FOUND -> page.notFound(res);
            case SELF -> send(res, session.get(), Status.CONFLICT_409, "", null, null,
                    List.of(messages.get("officers.error.self")));
            case LAST_ADMINISTRATOR -> send(res, session.get(), Status.CONFLICT_409, "", null, null,
                    List.of(messages.get("officers.error.last-administrator")));
        }
    }

    private void withdraw(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> session = administratorPost(req, res, form);
        if (session.isEmpty()) {
            return;
        }
        Optional<Long> invitationId = parseId(req.path().pathParameters().get("id"));
        boolean withdrawn = invitationId.isPresent()
                && admin.withdrawInvitation(OfficerSessions.officer(session.get()), invitationId.get());
        if (!withdrawn) {
            // Used, expired or already withdrawn: the list shows what is still open.
            send(res, session.get(), Status.NOT_FOUND_404, "", null, null,
                    List.of(messages.get("officers.error.invitation-gone")));
            return;
        }
        session.get().put(NOTICE, messages.get("officers.invitation.withdrawn"));
        Redirects.seeOther(res, "/officers");
    }

    /**
     * Returns the session of a POST by a logged-in administrator with a matching CSRF token, or
     * sends 403 and returns empty.
     */
    private Optional<Session> administratorPost(ServerRequest req, ServerResponse res, FormData form) {
        Optional<Session> session = sessions.signedIn(req)
                .filter(found -> SessionStore.csrfMatches(found, form.first("csrf")));
        if (session.isEmpty()) {
            page.forbidden(res, "/officers");
            return Optional.empty();
        }
        if (!OfficerSessions.officer(session.get()).isAdministrator()) {
            sendAdministratorsOnly(res);
            return Optional.empty();
        }
        return session;
    }

    private void send(ServerResponse res, Session session, Status status, String username, String newLink,
                      String notice, List<String> errors) {
        OfficerService.SignedIn self = OfficerSessions.officer(session);
        Map<String, Object> model = page.model(session, messages.get("officers.title"));
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (OfficerStore.Listed account : admin.accounts()) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", account.id());
            row.put("username", account.username());
            row.put("role", messages.get("account.role." + account.role().id()));
            row.put("created", format(account.createdAt()));
            row.put("state", account.active()
                    ? messages.get("officers.state.active")
                    : messages.get("officers.state.deactivated", format(account.deactivatedAt())));
            row.put("canDeactivate", account.active() && account.id() != self.id());
            accounts.add(row);
        }
        List<Map<String, Object>> invitations = new ArrayList<>();
        for (Invitations.Invitation invitation : admin.pendingInvitations()) {
            invitations.add(Map.of("id", invitation.id(), "username", invitation.username(),
                    "role", messages.get("account.role." + invitation.role().id()),
                    "expires", format(invitation.expiresAt())));
        }
        model.put("accounts", accounts);
        model.put("invitations", invitations);
        model.put("hasInvitations", !invitations.isEmpty());
        model.put("username", username);
        model.put("newLink", newLink);
        model.put("notice", notice);
        model.put("lifetimeHours", Invitations.LIFETIME.toHours());
        AdminPage.errors(model, errors);
        page.pages().send(res, status, "admin-officers", model);
    }

    private void sendAdministratorsOnly(ServerResponse res) {
        page.message(res, Status.FORBIDDEN_403, messages.get("officers.title"),
                messages.get("officers.administrators-only"), "/cases", messages.get("admin.case.back"));
    }

    /** Returns the scheme, host and port of the admin listener as the administrator's browser reached it. */
    private static String origin(ServerRequest req) {
        String host = req.headers().first(HeaderNames.HOST).orElse("");
        return HOST.matcher(host).matches() ? "http://" + host : "";
    }

    private String format(Long epochSecond) {
        return epochSecond == null ? "" : TIME.format(Instant.ofEpochSecond(epochSecond).atZone(zone)) + " (" + zone.getId() + ")";
    }

    private static Optional<Long> parseId(String raw) {
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
