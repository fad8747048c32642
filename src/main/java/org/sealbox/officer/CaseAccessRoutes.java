package org.sealbox.officer;

import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
 * The "access" part of the case page: which active officers hold the case and a form to grant it
 * to one who does not. Administrators also get a form to exclude any other active officer from
 * the case, whether or not that officer holds it yet. Excluding needs a ticked confirmation box
 * because it cannot be undone.
 */
public final class CaseAccessRoutes implements HttpService, CasePageSection {

    private static final Session.Key<String> NOTICE = new Session.Key<>("access-notice", String.class);

    private final AdminPage page;
    private final Messages messages;
    private final OfficerSessions sessions;
    private final CaseAccess access;

    public CaseAccessRoutes(Pages pages, OfficerSessions sessions, CaseAccess access) {
        this.page = new AdminPage(pages);
        this.messages = pages.messages();
        this.sessions = sessions;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/cases/{id}/access/grant", this::grant)
                .post("/cases/{id}/access/exclude", this::exclude);
    }

    @Override
    public Map<String, Object> model(Session session, OfficerService.SignedIn officer, CaseReader.OpenCase openCase) {
        CaseAccess.Overview overview = access.overview(openCase.summary().id());
        Map<String, Object> model = new HashMap<>();
        model.put("accessHolders", overview.holders().stream().map(CaseAccessRoutes::member).toList());
        model.put("accessGrantable", overview.grantable().stream().map(CaseAccessRoutes::member).toList());
        model.put("accessCanGrant", !overview.grantable().isEmpty());
        // Officers without a key are listed too, so that a newcomer whose pending grant has not
        // run yet can be kept away from a case that concerns them.
        List<Map<String, Object>> excludable = Stream.concat(overview.holders().stream(), overview.grantable().stream())
                .filter(member -> member.id() != officer.id())
                .sorted(Comparator.comparing(CaseAccess.Member::username))
                .map(CaseAccessRoutes::member)
                .toList();
        model.put("accessExcludable", excludable);
        model.put("accessCanExclude", officer.isAdministrator() && !excludable.isEmpty());
        model.put("accessExcluded", overview.excluded().stream().map(CaseAccessRoutes::member).toList());
        model.put("accessHasExcluded", !overview.excluded().isEmpty());
        model.put("accessNotice", session.get(NOTICE).orElse(null));
        session.remove(NOTICE);
        return model;
    }

    private static Map<String, Object> member(CaseAccess.Member member) {
        return Map.of("id", member.id(), "username", member.username());
    }

    private void grant(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> session = signedInPost(req, res, form);
        if (session.isEmpty()) {
            return;
        }
        Optional<Long> caseId = parseId(req.path().pathParameters().get("id"));
        Optional<Long> grantee = parseId(form.first("officer"));
        if (caseId.isEmpty()) {
            page.caseNotFound(res);
            return;
        }
        CaseAccess.Result result = grantee.isEmpty()
                ? CaseAccess.Result.NOT_POSSIBLE
                : access.grant(OfficerSessions.officer(session.get()), caseId.get(), grantee.get());
        finish(res, session.get(), caseId.get(), result, "access.granted", "access.error.grant");
    }

    private void exclude(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> session = signedInPost(req, res, form);
        if (session.isEmpty()) {
            return;
        }
        OfficerService.SignedIn officer = OfficerSessions.officer(session.get());
        Optional<Long> caseId = parseId(req.path().pathParameters().get("id"));
        if (caseId.isEmpty()) {
            page.caseNotFound(res);
            return;
        }
        if (!officer.isAdministrator()) {
            page.message(res, Status.FORBIDDEN_403, messages.get("error.title"),
                    messages.get("access.error.administrators-only"), "/cases/" + caseId.get(),
                    messages.get("account.back"));
            return;
        }
        if (!Confirmation.given(form)) {
            page.message(res, Status.UNPROCESSABLE_CONTENT_422, messages.get("error.title"),
                    messages.get("access.error.confirm"), "/cases/" + caseId.get() + "#access",
                    messages.get("account.back"));
            return;
        }
        Optional<Long> excluded = parseId(form.first("officer"));
        CaseAccess.Result result = excluded.isEmpty()
                ? CaseAccess.Result.NOT_POSSIBLE
                : access.exclude(officer, caseId.get(), excluded.get());
        finish(res, session.get(), caseId.get(), result, "access.excluded-done", "access.error.exclude");
    }

    private void finish(ServerResponse res, Session session, long caseId, CaseAccess.Result result, String doneKey,
                        String impossibleKey) {
        switch (result) {
            case DONE -> {
                session.put(NOTICE, messages.get(doneKey));
                Redirects.seeOther(res, "/cases/" + caseId + "#access");
            }
            case CASE_NOT_FOUND -> page.caseNotFound(res);
            case NOT_POSSIBLE -> page.message(res, Status.CONFLICT_409, messages.get("error.title"),
                    messages.get(impossibleKey), "/cases/" + caseId + "#access", messages.get("account.back"));
        }
    }

    /** Returns the signed-in session of a POST with a matching CSRF token, or sends 403 and returns empty. */
    private Optional<Session> signedInPost(ServerRequest req, ServerResponse res, FormData form) {
        Optional<Session> session = sessions.signedIn(req)
                .filter(found -> SessionStore.csrfMatches(found, form.first("csrf")));
        if (session.isEmpty()) {
            page.forbidden(res, "/cases");
        }
        return session;
    }

    private static Optional<Long> parseId(String raw) {
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
