package org.sealbox.register;

import java.lang.System.Logger.Level;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.sealbox.casework.CaseClock;
import org.sealbox.casework.CaseTimes;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.internal.InternalRecords;
import org.sealbox.internal.OfficerPages;
import org.sealbox.internal.RiskAssessment;
import org.sealbox.officer.OfficerService;
import org.sealbox.report.ReportKind;
import org.sealbox.storage.Database;
import org.sealbox.web.Messages;

/**
 * The breach register (GDPR Art. 33(5)): one row per breach case the officer has a key for,
 * with the facts, effects and remedial action from the register entry, the latest risk
 * assessment, the authority decision and the case's dates. The notification deadline comes from
 * {@link CaseClock}, so it is the date the case list and case page show. Rows are ready-made
 * display strings; an empty string means "not recorded". Thread-safe.
 */
public final class BreachRegister {

    private static final System.Logger LOG = System.getLogger(BreachRegister.class.getName());

    private final Database database;
    private final InternalRecords records;
    private final CaseClock caseClock;
    private final OfficerPages officerPages;
    private final Messages messages;
    private final Function<String, String> statusLabel;

    /**
     * One case of the register. Times are formatted in the organisation's time zone.
     *
     * @param unreadable true when the case's internal records did not decrypt, so the text fields are empty
     */
    public record Row(long caseId, String reference, String status, String received, String awareness,
                      String deadline, String facts, String effects, String remedial, String likelihood,
                      String severity, String recommendation, String outcome, String overrideReason,
                      String decision, String decisionReason, String decidedAt, String notifiedAt,
                      String authorityReference, String delayReason, boolean unreadable) {
        @Override
        public String toString() {
            return "Row[" + caseId + ", REDACTED]";
        }
    }

    /**
     * @param statusLabel returns the shown label of a status id
     */
    public BreachRegister(Database database, InternalRecords records, CaseClock caseClock, OfficerPages officerPages,
                          Function<String, String> statusLabel) {
        this.database = database;
        this.records = records;
        this.caseClock = caseClock;
        this.officerPages = officerPages;
        this.messages = officerPages.messages();
        this.statusLabel = statusLabel;
    }

    /** Builds the register for one officer, oldest case first. */
    public List<Row> rows(OfficerService.SignedIn officer) {
        return query(officer, null);
    }

    /** The register row of one case, when it is a breach case the officer has a key for. */
    public Optional<Row> row(OfficerService.SignedIn officer, long caseId) {
        return query(officer, caseId).stream().findFirst();
    }

    /** Rows of every breach case the officer holds, or only of {@code caseId} unless it is null. */
    private List<Row> query(OfficerService.SignedIn officer, Long caseId) {
        List<ClearCase> cases = database.read(h -> h.createQuery("""
                        SELECT c.id, c.reference, c.status, c.received_hour, c.aware_at, c.acknowledged_at,
                               c.feedback_at, c.extension_months, c.answered_at, c.authority_decision,
                               c.authority_notified_at, c.closed_at
                        FROM report_case c JOIN case_key k ON k.case_id = c.id
                        WHERE k.officer_id = :officerId AND c.kind = 'breach' AND (:caseId IS NULL OR c.id = :caseId)
                        ORDER BY c.received_hour, c.id""")
                .bind("officerId", officer.id())
                .bind("caseId", caseId)
                .map((rs, ctx) -> readCase(rs))
                .list());
        List<Row> rows = new ArrayList<>();
        for (ClearCase clear : cases) {
            rows.add(row(officer, clear));
        }
        return rows;
    }

    private Row row(OfficerService.SignedIn officer, ClearCase clear) {
        CaseTimes times = clear.times();
        Map<String, List<InternalRecords.Entry>> entries = Map.of();
        boolean unreadable = false;
        try {
            entries = records.read(officer, clear.id(), Set.of(InternalRecords.REGISTER, InternalRecords.RISK,
                    InternalRecords.AUTHORITY_DECISION));
        } catch (DecryptionException | InternalRecords.NoKeyException e) {
            LOG.log(Level.WARNING, "The internal records of a breach case did not decrypt for the register");
            unreadable = true;
        }
        RegisterEntry entry = latest(entries, InternalRecords.REGISTER).map(e -> RegisterEntry.fromJson(e.body()))
                .orElse(RegisterEntry.EMPTY);
        Optional<RiskAssessment> risk = latest(entries, InternalRecords.RISK).map(e -> RiskAssessment.fromJson(e.body()));
        Optional<InternalRecords.Entry> decision = latest(entries, InternalRecords.AUTHORITY_DECISION);
        JsonObject decisionBody = decision.map(InternalRecords.Entry::body).orElse(JsonValue.EMPTY_JSON_OBJECT);

        Instant deadline = caseClock.legalClock().breachNotification(times.awareness()).due().toInstant();
        return new Row(clear.id(), clear.reference(), statusLabel.apply(clear.status()),
                officerPages.format(times.received()),
                officerPages.format(times.awareness()),
                officerPages.format(deadline),
                entry.facts(), entry.effects(), entry.remedial(),
                risk.map(r -> messages.get("internal.level." + r.likelihood().id())).orElse(""),
                risk.map(r -> messages.get("internal.level." + r.severity().id())).orElse(""),
                risk.map(r -> messages.get("internal.outcome." + r.recommendation().id())).orElse(""),
                risk.map(r -> messages.get("internal.outcome." + r.outcome().id())).orElse(""),
                risk.filter(RiskAssessment::overridden).map(RiskAssessment::reason).orElse(""),
                times.authorityDecision().map(id -> messages.get("register.decision." + id)).orElse(""),
                text(decisionBody, "reason"),
                decision.map(e -> officerPages.format(e.createdAt())).orElse(""),
                times.authorityNotifiedAt().map(officerPages::format).orElse(""),
                text(decisionBody, "reference"),
                text(decisionBody, "delayReason"),
                unreadable);
    }

    private static Optional<InternalRecords.Entry> latest(Map<String, List<InternalRecords.Entry>> entries, String kind) {
        List<InternalRecords.Entry> list = entries.getOrDefault(kind, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getLast());
    }

    /**
     * Returns a string field of the authority decision's record, or "" when it is absent. The case
     * workflow ({@code casework.WorkflowService}) writes that record with the fields decision,
     * reason, reference, delayReason and notifiedAt.
     */
    private static String text(JsonObject body, String name) {
        JsonValue value = body.get(name);
        return value instanceof JsonString string ? string.getString() : "";
    }

    private record ClearCase(long id, String reference, String status, CaseTimes times) {
    }

    private static ClearCase readCase(ResultSet rs) throws SQLException {
        CaseTimes times = new CaseTimes(ReportKind.BREACH, Instant.ofEpochSecond(rs.getLong("received_hour")),
                instant(rs, "aware_at"), instant(rs, "acknowledged_at"), instant(rs, "feedback_at"),
                rs.getInt("extension_months"), instant(rs, "answered_at"),
                Optional.ofNullable(rs.getString("authority_decision")), instant(rs, "authority_notified_at"),
                instant(rs, "closed_at"));
        return new ClearCase(rs.getLong("id"), rs.getString("reference"), rs.getString("status"), times);
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }
}
