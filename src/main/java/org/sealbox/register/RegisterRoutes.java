package org.sealbox.register;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.audit.AuditLog;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.internal.OfficerPages;
import org.sealbox.officer.CaseReader;
import org.sealbox.officer.OfficerService;
import org.sealbox.officer.OfficerSessions;
import org.sealbox.report.CaseStore;
import org.sealbox.report.FormCatalog;
import org.sealbox.report.ReportKind;
import org.sealbox.web.ContentDisposition;
import org.sealbox.web.Messages;
import org.sealbox.web.Redirects;
import org.sealbox.web.Session;

/**
 * The breach register on the admin listener: the page ({@code /register}), the CSV export
 * ({@code /register.csv}), the printable page ({@code /register/print}) and the draft
 * notification of one breach case ({@code /cases/{id}/notification-draft}). Every one is
 * recorded in the audit log; the exports as {@link AuditLog#EXPORT}.
 */
public final class RegisterRoutes implements HttpService {

    private static final System.Logger LOG = System.getLogger(RegisterRoutes.class.getName());
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final OfficerPages officerPages;
    private final Messages messages;
    private final BreachRegister register;
    private final NotificationDraft draft;
    private final CaseReader reader;
    private final FormCatalog forms;
    private final AuditLog audit;
    private final Clock clock;

    public RegisterRoutes(OfficerPages officerPages, BreachRegister register, NotificationDraft draft,
                          CaseReader reader, FormCatalog forms, AuditLog audit, Clock clock) {
        this.officerPages = officerPages;
        this.messages = officerPages.messages();
        this.register = register;
        this.draft = draft;
        this.reader = reader;
        this.forms = forms;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/register", this::showRegister)
                .get("/register.csv", this::exportCsv)
                .get("/register/print", this::showPrintable)
                .get("/cases/{id}/notification-draft", this::showDraft);
    }

    private void showRegister(ServerRequest req, ServerResponse res) {
        Optional<Session> session = officerPages.signedIn(req);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/login");
            return;
        }
        OfficerService.SignedIn officer = OfficerSessions.officer(session.get());
        List<BreachRegister.Row> rows = register.rows(officer);
        audit.record(officer.username(), AuditLog.REGISTER_VIEW, Optional.empty());
        Map<String, Object> model = officerPages.baseModel(session.get(), messages.get("register.title"));
        model.put("rows", rows);
        model.put("hasRows", !rows.isEmpty());
        model.put("zone", officerPages.zone().getId());
        officerPages.pages().send(res, "admin-register", model);
    }

    private void showPrintable(ServerRequest req, ServerResponse res) {
        Optional<Session> session = officerPages.signedIn(req);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/login");
            return;
        }
        OfficerService.SignedIn officer = OfficerSessions.officer(session.get());
        List<BreachRegister.Row> rows = register.rows(officer);
        audit.record(officer.username(), AuditLog.EXPORT, Optional.empty());
        LOG.log(Level.INFO, "Officer printed the breach register");
        Map<String, Object> model = officerPages.baseModel(session.get(), messages.get("register.title"));
        model.put("rows", rows);
        model.put("hasRows", !rows.isEmpty());
        model.put("zone", officerPages.zone().getId());
        model.put("printed", messages.get("register.printed", officerPages.format(clock.instant()), officer.username()));
        officerPages.pages().send(res, "admin-register-print", model);
    }

    private void exportCsv(ServerRequest req, ServerResponse res) throws IOException {
        Optional<Session> session = officerPages.signedIn(req);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/login");
            return;
        }
        OfficerService.SignedIn officer = OfficerSessions.officer(session.get());
        List<BreachRegister.Row> rows = register.rows(officer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = CsvWriter.utf8(out, true)) {
            csv.writeRow(header());
            for (BreachRegister.Row row : rows) {
                csv.writeRow(cells(row));
            }
        }
        audit.record(officer.username(), AuditLog.EXPORT, Optional.empty());
        LOG.log(Level.INFO, "Officer exported the breach register as CSV");
        String name = "breach-register-" + FILE_DATE.format(clock.instant().atZone(officerPages.zone())) + ".csv";
        res.headers().set(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/csv; charset=UTF-8"));
        res.headers().set(HeaderValues.create(HeaderNames.CONTENT_DISPOSITION, ContentDisposition.attachment(name)));
        res.send(out.toByteArray());
    }

    private List<String> header() {
        String zone = officerPages.zone().getId();
        List<String> header = new ArrayList<>();
        for (String key : List.of("reference", "status", "received", "awareness", "deadline", "facts", "effects",
                "remedial", "likelihood", "severity", "recommendation", "outcome", "override-reason", "decision",
                "decision-reason", "decided", "notified", "authority-reference", "delay-reason")) {
            // Only the time columns name the zone; formatting the others would drop their apostrophes.
            String column = messages.get("register.column." + key);
            header.add(column.contains("{0}") ? messages.get("register.column." + key, zone) : column);
        }
        return header;
    }

    private static List<String> cells(BreachRegister.Row row) {
        return List.of(row.reference(), row.status(), row.received(), row.awareness(), row.deadline(), row.facts(),
                row.effects(), row.remedial(), row.likelihood(), row.severity(), row.recommendation(), row.outcome(),
                row.overrideReason(), row.decision(), row.decisionReason(), row.decidedAt(), row.notifiedAt(),
                row.authorityReference(), row.delayReason());
    }

    private void showDraft(ServerRequest req, ServerResponse res) {
        Optional<Session> session = officerPages.signedIn(req);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/login");
            return;
        }
        OfficerService.SignedIn officer = OfficerSessions.officer(session.get());
        Optional<CaseStore.Summary> summary = officerPages.caseFor(officer, req.path().pathParameters().get("id"))
                .filter(found -> found.kind() == ReportKind.BREACH);
        if (summary.isEmpty()) {
            officerPages.notFound(res);
            return;
        }

        long caseId = summary.get().id();
        Optional<CaseReader.OpenCase> open;
        try {
            open = reader.open(officer, caseId);
        } catch (DecryptionException e) {
            LOG.log(Level.WARNING, "A case did not decrypt with the officer's key");
            officerPages.unreadable(res);
            return;
        }
        Optional<BreachRegister.Row> row = register.row(officer, caseId);
        if (open.isEmpty() || row.isEmpty()) {
            officerPages.notFound(res);
            return;
        }

        String text = draft.text(row.get(), forms.form(ReportKind.BREACH), open.get().thread().report().answers());
        audit.record(officer.username(), AuditLog.CASE_VIEW, Optional.of(caseId));
        Map<String, Object> model = officerPages.baseModel(session.get(),
                messages.get("draft.title", summary.get().reference()));
        model.put("caseHref", "/cases/" + caseId);
        model.put("draft", text);
        model.put("unreadable", row.get().unreadable());
        officerPages.pages().send(res, "admin-notification-draft", model);
    }
}
