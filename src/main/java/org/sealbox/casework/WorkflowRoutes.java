package org.sealbox.casework;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.sealbox.web.FormData;
import org.sealbox.web.Messages;
import org.sealbox.web.Pages;
import org.sealbox.web.Redirects;
import org.sealbox.web.Session;
import org.sealbox.web.SessionStore;
import org.sealbox.web.UrlEncodedForms;

/**
 * The POST routes of the workflow forms under {@code /cases/{id}/}. Every form carries the
 * session's CSRF token (missing or foreign: 403) and the case version it was loaded with
 * (outdated: 409 with the typed values shown). Invalid input returns 422 with the workflow forms
 * again, filled with what was typed. Thread-safe.
 */
public final class WorkflowRoutes implements HttpService {

    /** Form fields shown back on the 409 page, in form order, with the message key of their label. */
    private static final Map<String, String> TYPED_FIELDS = typedFields();

    private final Pages pages;
    private final Messages messages;
    private final OfficerSessions sessions;
    private final WorkflowService service;
    private final WorkflowViews views;

    /** One workflow step, called with the checked session's officer, the case id, the form's version and fields. */
    @FunctionalInterface
    private interface Action {
        WorkflowService.Outcome run(OfficerService.SignedIn officer, long caseId, long version, FormData form);
    }

    public WorkflowRoutes(Pages pages, OfficerSessions sessions, WorkflowService service, WorkflowViews views) {
        this.pages = pages;
        this.messages = pages.messages();
        this.sessions = sessions;
        this.service = service;
        this.views = views;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/cases/{id}/status", (req, res) -> handle(req, res, "casework.done.status",
                        (officer, id, version, form) -> service.setStatus(officer, id, version, form.first("status"))))
                .post("/cases/{id}/assign", (req, res) -> handle(req, res, "casework.done.assign",
                        (officer, id, version, form) -> service.assign(officer, id, version, form.first("assignee"))))
                .post("/cases/{id}/acknowledge", (req, res) -> handle(req, res, "casework.done.acknowledge",
                        (officer, id, version, form) -> service.acknowledge(officer, id, version)))
                .post("/cases/{id}/feedback", (req, res) -> handle(req, res, "casework.done.feedback",
                        (officer, id, version, form) -> service.recordFeedback(officer, id, version)))
                .post("/cases/{id}/awareness", (req, res) -> handle(req, res, "casework.done.awareness",
                        (officer, id, version, form) -> service.setAwareness(officer, id, version, form.first("aware-at"))))
                .post("/cases/{id}/authority", (req, res) -> handle(req, res, "casework.done.authority",
                        (officer, id, version, form) -> service.recordAuthorityDecision(officer, id, version,
                                new WorkflowService.AuthorityInput(form.first("decision"), form.first("reason"),
                                        form.first("notified-at"), form.first("reference"), form.first("delay-reason")))))
                .post("/cases/{id}/extension", (req, res) -> handle(req, res, "casework.done.extension",
                        (officer, id, version, form) -> service.extend(officer, id, version, form.first("months"),
                                form.first("extension-reason"))))
                .post("/cases/{id}/answered", (req, res) -> handle(req, res, "casework.done.answered",
                        (officer, id, version, form) -> service.markAnswered(officer, id, version)))
                .post("/cases/{id}/close", (req, res) -> handle(req, res, "casework.done.close",
                        (officer, id, version, form) -> service.close(officer, id, version)));
    }

    private void handle(ServerRequest req, ServerResponse res, String doneKey, Action action) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> session = sessions.signedIn(req)
                .filter(candidate -> SessionStore.csrfMatches(candidate, form.first("csrf")));
        if (session.isEmpty()) {
            sendMessage(res, Status.FORBIDDEN_403, messages.get("error.title"), messages.get("error.403"));
            return;
        }
        OfficerService.SignedIn officer = OfficerSessions.officer(session.get());
        Optional<Long> caseId = parseLong(req.path().pathParameters().get("id"));
        if (caseId.isEmpty()) {
            sendMessage(res, Status.NOT_FOUND_404, messages.get("error.title"), messages.get("admin.case.not-found"));
            return;
        }
        // A missing or garbled version cannot match the row, so it is handled as an outdated form.
        long version = parseLong(form.first("version")).orElse(-1L);
        WorkflowService.Outcome outcome = action.run(officer, caseId.get(), version, form);
        switch (outcome.result()) {
            case DONE -> {
                session.get().put(WorkflowViews.NOTICE, doneNotice(outcome, doneKey));
                Redirects.seeOther(res, "/cases/" + caseId.get() + "#workflow");
            }
            case NOT_FOUND -> sendMessage(res, Status.NOT_FOUND_404, messages.get("error.title"),
                    messages.get("admin.case.not-found"));
            case CONFLICT -> sendConflict(res, session.get(), caseId.get(), form);
            case INVALID -> sendInvalid(res, session.get(), officer, caseId.get(), form, outcome.errors());
        }
    }

    /**
     * Returns the confirmation of a step. A notice that names a status gets the configured label
     * of "reported to authority", the only status a step other than a status change sets this way.
     */
    private String doneNotice(WorkflowService.Outcome outcome, String doneKey) {
        if (outcome.noticeKey().isEmpty()) {
            return messages.get(doneKey);
        }
        return messages.get(outcome.noticeKey().get(), views.labels().label(CaseStatus.REPORTED_TO_AUTHORITY));
    }

    private void sendConflict(ServerResponse res, Session session, long caseId, FormData form) {
        Map<String, Object> model = pageModel(session, caseId);
        List<Map<String, Object>> typed = new ArrayList<>();
        TYPED_FIELDS.forEach((field, labelKey) -> {
            String value = form.first(field);
            if (!value.isBlank()) {
                typed.add(Map.of("label", messages.get(labelKey), "value", value));
            }
        });
        model.put("conflict", true);
        model.put("typed", typed);
        model.put("hasTyped", !typed.isEmpty());
        pages.send(res, Status.CONFLICT_409, "admin-workflow", model);
    }

    private void sendInvalid(ServerResponse res, Session session, OfficerService.SignedIn officer, long caseId,
                             FormData form, List<String> errors) {
        Map<String, String> typed = new HashMap<>();
        for (String field : TYPED_FIELDS.keySet()) {
            if (form.has(field)) {
                typed.put(field, form.first(field));
            }
        }
        Optional<Map<String, Object>> workflow = views.workflow(officer, caseId, typed, errors);
        if (workflow.isEmpty()) {
            sendMessage(res, Status.NOT_FOUND_404, messages.get("error.title"), messages.get("admin.case.not-found"));
            return;
        }
        Map<String, Object> model = pageModel(session, caseId);
        model.put("workflow", workflow.get());
        pages.send(res, Status.UNPROCESSABLE_CONTENT_422, "admin-workflow", model);
    }

    private Map<String, Object> pageModel(Session session, long caseId) {
        OfficerService.SignedIn officer = OfficerSessions.officer(session);
        Map<String, Object> model = new HashMap<>();
        model.put("title", messages.get("casework.page.title"));
        model.put("csrf", session.csrfToken());
        model.put("officer", true);
        model.put("signedIn", messages.get("admin.signed-in", officer.username()));
        model.put("administrator", officer.isAdministrator());
        model.put("caseHref", "/cases/" + caseId);
        return model;
    }

    private void sendMessage(ServerResponse res, Status status, String title, String text) {
        pages.send(res, status, "admin-message", Map.of("title", title, "paragraphs", List.of(text),
                "link", Map.of("href", "/cases", "text", messages.get("admin.case.back"))));
    }

    private static Optional<Long> parseLong(String raw) {
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> typedFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", "admin.cases.status");
        fields.put("assignee", "casework.assignee");
        fields.put("aware-at", "casework.awareness.field");
        fields.put("decision", "casework.decision.field");
        fields.put("reason", "casework.decision.reason");
        fields.put("notified-at", "casework.notified.field");
        fields.put("reference", "casework.authority-reference");
        fields.put("delay-reason", "casework.delay-reason");
        fields.put("months", "casework.extension.months");
        fields.put("extension-reason", "casework.extension.reason");
        return Collections.unmodifiableMap(fields);
    }
}
