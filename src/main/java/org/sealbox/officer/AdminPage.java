package org.sealbox.officer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.web.Messages;
import org.sealbox.web.Pages;
import org.sealbox.web.Session;

/** The model parts and message pages that the account and access pages share. */
final class AdminPage {

    private final Pages pages;
    private final Messages messages;

    AdminPage(Pages pages) {
        this.pages = pages;
        this.messages = pages.messages();
    }

    Pages pages() {
        return pages;
    }

    Messages messages() {
        return messages;
    }

    /** Returns the model of every admin page: title, CSRF token, the signed-in officer and no errors. */
    Map<String, Object> model(Session session, String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("csrf", session.csrfToken());
        session.get(OfficerSessions.SIGNED_IN).ifPresent(officer -> {
            model.put("officer", true);
            model.put("administrator", officer.isAdministrator());
            model.put("signedIn", messages.get("admin.signed-in", officer.username()));
        });
        errors(model, List.of());
        return model;
    }

    /** Puts page texts as the error summary of a model. */
    static void errors(Map<String, Object> model, List<String> errors) {
        model.put("errors", errors.stream().map(message -> Map.of("message", message)).toList());
        model.put("hasErrors", !errors.isEmpty());
    }

    void message(ServerResponse res, Status status, String title, String text, String linkHref, String linkText) {
        pages.send(res, status, "admin-message", Map.of("title", title, "paragraphs", List.of(text),
                "link", Map.of("href", linkHref, "text", linkText)));
    }

    /** Sends the 403 page for a POST whose CSRF token is missing or belongs to another session. */
    void forbidden(ServerResponse res, String backHref) {
        message(res, Status.FORBIDDEN_403, messages.get("error.title"), messages.get("error.403"), backHref,
                messages.get("account.back"));
    }

    /**
     * Sends the 404 page for a case that does not exist or that the officer has no key for. Both
     * get the same page, so that it does not reveal whether the case exists.
     */
    void caseNotFound(ServerResponse res) {
        message(res, Status.NOT_FOUND_404, messages.get("error.title"), messages.get("admin.case.not-found"), "/cases",
                messages.get("admin.case.back"));
    }

    void notFound(ServerResponse res) {
        message(res, Status.NOT_FOUND_404, messages.get("error.title"), messages.get("error.404"), "/cases",
                messages.get("admin.case.back"));
    }
}
