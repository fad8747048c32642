package org.sealbox.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.sealbox.audit.AuditLog;
import org.sealbox.officer.OfficerSessions;
import org.sealbox.officer.OfficerService;
import org.sealbox.register.RegisterEntry;
import org.sealbox.report.CaseStore;
import org.sealbox.report.ReportKind;
import org.sealbox.storage.Database;
import org.sealbox.web.FormData;
import org.sealbox.web.Messages;
import org.sealbox.web.Redirects;
import org.sealbox.web.Session;
import org.sealbox.web.SubmissionTokens;
import org.sealbox.web.UrlEncodedForms;

/**
 * The forms of the case page's internal section on the admin listener: add a note, record a risk
 * assessment, save the breach register entry. Each POST needs the session's CSRF token (403
 * otherwise, nothing stored) and a key for the case (404 otherwise). The stored record and its
 * audit entry commit in one transaction.
 *
 * <p>Risk assessments and register entries replace what the page showed, so their forms carry
 * the public id of the record they were loaded with ({@code basis}). When another officer has
 * stored a newer one meanwhile, the form is rejected with 409 and the typed text kept, instead of
 * silently replacing the other officer's version. Notes are only added, so they need no such check;
 * a repeated POST of the same note form stores it once.
 */
public final class InternalRoutes implements HttpService {

    private static final System.Logger LOG = System.getLogger(InternalRoutes.class.getName());
    private static final Session.Key<SubmissionTokens> NOTES_SENT =
            new Session.Key<>("internal-notes-sent", SubmissionTokens.class);

    private final OfficerPages officerPages;
    private final Messages messages;
    private final InternalRecords records;
    private final InternalSection section;
    private final Database database;
    private final AuditLog audit;
    private final int textMaxChars;

    public InternalRoutes(OfficerPages officerPages, InternalRecords records, InternalSection section,
                          Database database, AuditLog audit, int textMaxChars) {
        this.officerPages = officerPages;
        this.messages = officerPages.messages();
        this.records = records;
        this.section = section;
        this.database = database;
        this.audit = audit;
        this.textMaxChars = textMaxChars;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/cases/{id}/notes", this::addNote)
                .post("/cases/{id}/risk", this::assessRisk)
                .post("/cases/{id}/register-entry", this::saveRegisterEntry);
    }

    /** A POST that passed the CSRF and access checks. */
    private record Checked(Session session, OfficerService.SignedIn officer, CaseStore.Summary summary, FormData form) {
    }

    private Optional<Checked> check(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> session = officerPages.signedInWithCsrf(req, form.first("csrf"));
        if (session.isEmpty()) {
            officerPages.forbidden(res);
            return Optional.empty();
        }
        OfficerService.SignedIn officer = OfficerSessions.officer(session.get());
        Optional<CaseStore.Summary> summary = officerPages.caseFor(officer, req.path().pathParameters().get("id"));
        if (summary.isEmpty()) {
            officerPages.notFound(res);
            return Optional.empty();
        }
        return Optional.of(new Checked(session.get(), officer, summary.get(), form));
    }

    private void addNote(ServerRequest req, ServerResponse res) throws IOException {
        Optional<Checked> checked = check(req, res);
        if (checked.isEmpty()) {
            return;
        }
        Checked c = checked.get();
        String text = c.form().first("note").replace("\r\n", "\n");
        Optional<String> error = textError(text, true, "internal.note.error.empty");
        if (error.isPresent()) {
            sendAgain(res, Status.UNPROCESSABLE_CONTENT_422, c, InternalForms.note(text, error.get()));
            return;
        }
        c.session().lock().lock();
        try {
            SubmissionTokens sent = c.session().get(NOTES_SENT).orElseGet(SubmissionTokens::new);
            c.session().put(NOTES_SENT, sent);
            if (sent.firstUse(c.form().first("submission"))) {
                long caseId = c.summary().id();
                database.write(h -> {
                    records.seal(h, caseId, InternalRecords.NOTE, c.officer().id(),
                            Json.createObjectBuilder().add("text", text).build());
                    audit.record(h, c.officer().username(), AuditLog.CASE_NOTE, Optional.of(caseId));
                    return null;
                });
                LOG.log(Level.INFO, "Officer added an internal note");
            }
        } finally {
            c.session().lock().unlock();
        }
        Redirects.seeOther(res, "/cases/" + c.summary().id() + "#internal");
    }

    private void assessRisk(ServerRequest req, ServerResponse res) throws IOException {
        Optional<Checked> checked = check(req, res);
        if (checked.isEmpty()) {
            return;
        }
        Checked c = checked.get();
        if (c.summary().kind() != ReportKind.BREACH) {
            officerPages.notFound(res);
            return;
        }
        FormData form = c.form();
        InternalForms.RiskForm typed = new InternalForms.RiskForm(form.first("likelihood"), form.first("severity"),
                form.first("decision"), form.first("outcome"), form.first("reason").replace("\r\n", "\n"));
        List<String> errors = new ArrayList<>();
        Optional<RiskLevel> likelihood = RiskLevel.fromId(typed.likelihood());
        Optional<RiskLevel> severity = RiskLevel.fromId(typed.severity());
        if (likelihood.isEmpty()) {
            errors.add(messages.get("internal.risk.error.likelihood"));
        }
        if (severity.isEmpty()) {
            errors.add(messages.get("internal.risk.error.severity"));
        }

        boolean override = "override".equals(typed.decision());
        if (!override && !"confirm".equals(typed.decision())) {
            errors.add(messages.get("internal.risk.error.decision"));
        }
        Optional<Recommendation> chosen = Recommendation.fromId(typed.outcome());
        if (override && chosen.isEmpty()) {
            errors.add(messages.get("internal.risk.error.outcome"));
        }
        if (override) {
            textError(typed.reason(), true, "internal.risk.error.reason").ifPresent(errors::add);
        } else {
            textError(typed.reason(), false, "internal.risk.error.reason").ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            sendAgain(res, Status.UNPROCESSABLE_CONTENT_422, c, InternalForms.risk(typed, errors));
            return;
        }

        Recommendation recommendation = RiskMatrix.recommend(likelihood.get(), severity.get());
        RiskAssessment assessment = new RiskAssessment(likelihood.get(), severity.get(), recommendation,
                override ? chosen.get() : recommendation, override ? typed.reason() : "");
        long caseId = c.summary().id();
        boolean stored = storeIfCurrent(c, InternalRecords.RISK, form.first("basis"), assessment.toJson(),
                AuditLog.CASE_RISK);
        if (!stored) {
            sendAgain(res, Status.CONFLICT_409, c, InternalForms.risk(typed, List.of(messages.get("internal.conflict"))));
            return;
        }
        LOG.log(Level.INFO, "Officer recorded a risk assessment");
        Redirects.seeOther(res, "/cases/" + caseId + "#risk");
    }

    private void saveRegisterEntry(ServerRequest req, ServerResponse res) throws IOException {
        Optional<Checked> checked = check(req, res);
        if (checked.isEmpty()) {
            return;
        }
        Checked c = checked.get();
        if (c.summary().kind() != ReportKind.BREACH) {
            officerPages.notFound(res);
            return;
        }
        FormData form = c.form();
        RegisterEntry entry = new RegisterEntry(form.first("facts").replace("\r\n", "\n"),
                form.first("effects").replace("\r\n", "\n"), form.first("remedial").replace("\r\n", "\n"));

        List<String> errors = new ArrayList<>();
        if (entry.isEmpty()) {
            errors.add(messages.get("internal.register.error.empty"));
        }
        for (String text : List.of(entry.facts(), entry.effects(), entry.remedial())) {
            textError(text, false, "internal.register.error.empty").ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            sendAgain(res, Status.UNPROCESSABLE_CONTENT_422, c, InternalForms.register(entry, errors));
            return;
        }

        long caseId = c.summary().id();
        boolean stored = storeIfCurrent(c, InternalRecords.REGISTER, form.first("basis"), entry.toJson(),
                AuditLog.CASE_REGISTER_ENTRY);
        if (!stored) {
            sendAgain(res, Status.CONFLICT_409, c, InternalForms.register(entry, List.of(messages.get("internal.conflict"))));
            return;
        }
        LOG.log(Level.INFO, "Officer saved a breach register entry");
        Redirects.seeOther(res, "/cases/" + caseId + "#register-entry");
    }

    /**
     * Seals a new record of {@code kind} and audits it in one write transaction, unless a newer
     * record was stored after the form was loaded. The form's {@code basis} is the public id of
     * the newest record it showed, empty when there was none. Returns whether it was stored.
     */
    private boolean storeIfCurrent(Checked c, String kind, String basis, JsonObject body, String action) {
        long caseId = c.summary().id();
        return database.write(h -> {
            if (!records.latestPublicId(h, caseId, kind).orElse("").equals(basis)) {
                return false;
            }
            records.seal(h, caseId, kind, c.officer().id(), body);
            audit.record(h, c.officer().username(), action, Optional.of(caseId));
            return true;
        });
    }

    /**
     * Checks a text's length against the configured limit, and that it is not blank when
     * {@code required}. Returns the message to show, if any.
     */
    private Optional<String> textError(String text, boolean required, String emptyKey) {
        if (required && text.isBlank()) {
            return Optional.of(messages.get(emptyKey));
        }
        int chars = text.codePointCount(0, text.length());
        if (chars > textMaxChars) {
            return Optional.of(messages.get("internal.error.too-long", chars, textMaxChars));
        }
        return Optional.empty();
    }

    /** Shows the internal section again on a page of its own, with the typed text and the errors. */
    private void sendAgain(ServerResponse res, Status status, Checked c, InternalForms forms) {
        Map<String, Object> model = officerPages.baseModel(c.session(),
                messages.get("internal.page.title", c.summary().reference()));
        model.put("caseHref", "/cases/" + c.summary().id());
        model.put("internal", section.model(c.session(), c.officer(), c.summary(), forms));
        officerPages.pages().send(res, status, "admin-case-internal", model);
    }
}
