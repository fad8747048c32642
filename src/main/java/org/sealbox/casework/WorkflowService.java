package org.sealbox.casework;

import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import org.jdbi.v3.core.Handle;

import org.sealbox.audit.AuditLog;
import org.sealbox.crypto.Envelope;
import org.sealbox.crypto.Sodium;
import org.sealbox.deadline.Deadline;
import org.sealbox.officer.OfficerService;
import org.sealbox.postbox.Author;
import org.sealbox.postbox.Conversation;
import org.sealbox.report.ReportKind;
import org.sealbox.storage.Database;
import org.sealbox.web.Messages;

/**
 * The workflow steps of a case. Each step runs in one write transaction that checks the officer's
 * key and the version the form was loaded with, validates the input, applies the change, posts
 * any postbox message, raises the version, recomputes {@code next_deadline} and appends the audit
 * entries. A rejected step writes nothing. Thread-safe.
 */
public final class WorkflowService {

    private static final System.Logger LOG = System.getLogger(WorkflowService.class.getName());

    /** {@code internal_record.kind} of an authority decision. */
    public static final String AUTHORITY_DECISION = "authority-decision";
    public static final String NOTIFY = "notify";
    public static final String NOT_NEEDED = "not-needed";

    private final Database database;
    private final WorkflowStore store = new WorkflowStore();
    private final CaseClock caseClock;
    private final Conversation conversation;
    private final AuditLog audit;
    private final Messages messages;
    private final DeadlineViews views;
    private final Clock clock;
    private final String acknowledgementMessage;
    private final int textMaxChars;

    /**
     * The result of a step. {@code errors} are page texts, set only for {@link Result#INVALID}.
     * {@code noticeKey} is the message key of the confirmation when it differs from the step's
     * usual one, for example when recording a notification also changed the status.
     */
    public record Outcome(Result result, List<String> errors, Optional<String> noticeKey) {

        public Outcome(Result result, List<String> errors) {
            this(result, errors, Optional.empty());
        }

        static Outcome of(Result result) {
            return new Outcome(result, List.of());
        }

        Outcome withNotice(String key) {
            return new Outcome(result, errors, Optional.of(key));
        }
    }

    public enum Result {
        DONE,
        /** The case does not exist or the officer has no key for it. */
        NOT_FOUND,
        /** The case changed after the form was loaded. */
        CONFLICT,
        /** The input is invalid; nothing changed. */
        INVALID
    }

    /** One change on a loaded case: returns page texts of what is wrong, or applies it and returns none. */
    @FunctionalInterface
    interface Step {
        List<String> apply(Handle h, CaseWorkflow workflow, Instant now);
    }

    public WorkflowService(Database database, CaseClock caseClock, Conversation conversation, AuditLog audit,
                           Messages messages, Clock clock, String acknowledgementMessage, int textMaxChars) {
        this.database = database;
        this.caseClock = caseClock;
        this.conversation = conversation;
        this.audit = audit;
        this.messages = messages;
        this.views = new DeadlineViews(messages, caseClock.legalClock().zone());
        this.clock = clock;
        this.acknowledgementMessage = acknowledgementMessage;
        this.textMaxChars = textMaxChars;
    }

    public CaseClock caseClock() {
        return caseClock;
    }

    /**
     * Sets the status; closing sets {@code closed_at} and leaving "closed" clears it, which is the
     * only way to reopen a case. An information request cannot be set to "reported to authority"
     * unless it has that status already, because only breaches are reported.
     */
    public Outcome setStatus(OfficerService.SignedIn officer, long caseId, long version, String statusId) {
        return change(officer, caseId, version, (h, workflow, now) -> {
            Optional<CaseStatus> status = CaseStatus.fromId(statusId);
            if (status.isEmpty()) {
                return List.of(messages.get("casework.error.status"));
            }
            if (!status.get().allowedFor(workflow.kind) && !workflow.status.equals(status.get().id())) {
                return List.of(messages.get("casework.error.status-breach-only"));
            }
            workflow.status = status.get().id();
            if (status.get() == CaseStatus.CLOSED) {
                workflow.closedAt = workflow.closedAt.or(() -> Optional.of(now));
            } else {
                workflow.closedAt = Optional.empty();
            }
            audit.record(h, officer.username(), AuditLog.CASE_STATUS, Optional.of(caseId));
            return List.of();
        });
    }

    /** Assigns the case to an active officer who has access to it, or unassigns it when {@code assignee} is empty. */
    public Outcome assign(OfficerService.SignedIn officer, long caseId, long version, String assignee) {
        return change(officer, caseId, version, whileOpen((h, workflow, now) -> {
            if (assignee.isEmpty()) {
                workflow.assigneeId = Optional.empty();
            } else {
                Optional<Long> target = store.holders(h, caseId).stream()
                        .filter(holder -> Long.toString(holder.id()).equals(assignee))
                        .map(WorkflowStore.Holder::id)
                        .findFirst();
                if (target.isEmpty()) {
                    return List.of(messages.get("casework.error.assignee"));
                }
                workflow.assigneeId = target;
            }
            audit.record(h, officer.username(), AuditLog.CASE_ASSIGN, Optional.of(caseId));
            return List.of();
        }));
    }

    /** Posts the acknowledgement message, sets {@code acknowledged_at} and moves a new case to "acknowledged". */
    public Outcome acknowledge(OfficerService.SignedIn officer, long caseId, long version) {
        return change(officer, caseId, version, whileOpen((h, workflow, now) -> {
            if (workflow.acknowledgedAt.isPresent()) {
                return List.of(messages.get("casework.error.already-acknowledged"));
            }
            conversation.post(h, caseId, Author.OFFICER, acknowledgementMessage);
            workflow.acknowledgedAt = Optional.of(now);
            if (workflow.status.equals(CaseStatus.NEW.id())) {
                workflow.status = CaseStatus.ACKNOWLEDGED.id();
            }
            audit.record(h, officer.username(), AuditLog.CASE_REPLY, Optional.of(caseId));
            audit.record(h, officer.username(), AuditLog.CASE_STATUS, Optional.of(caseId));
            return List.of();
        }));
    }

    /** Records that feedback was given to the reporter, which ends the feedback deadline. */
    public Outcome recordFeedback(OfficerService.SignedIn officer, long caseId, long version) {
        return change(officer, caseId, version, whileOpen((h, workflow, now) -> {
            if (workflow.feedbackAt.isPresent()) {
                return List.of(messages.get("casework.error.already-feedback"));
            }
            workflow.feedbackAt = Optional.of(now);
            audit.record(h, officer.username(), AuditLog.CASE_DEADLINE, Optional.of(caseId));
            return List.of();
        }));
    }

    /** Sets when the organisation became aware of a breach, from which the 72 hours run. */
    public Outcome setAwareness(OfficerService.SignedIn officer, long caseId, long version, String awareAt) {
        return change(officer, caseId, version, whileOpen((h, workflow, now) -> {
            if (workflow.kind != ReportKind.BREACH) {
                return List.of(messages.get("casework.error.breach-only"));
            }
            Optional<Instant> moment = LocalTimes.parse(awareAt, views.zone());
            if (moment.isEmpty()) {
                return List.of(messages.get("casework.error.awareness-format", awareAt));
            }
            if (moment.get().isAfter(now)) {
                return List.of(messages.get("casework.error.awareness-future", views.dateTimeWithZone(now)));
            }
            workflow.awareAt = moment;
            audit.record(h, officer.username(), AuditLog.CASE_DEADLINE, Optional.of(caseId));
            return List.of();
        }));
    }

    /** The fields of the authority decision form as typed. */
    public record AuthorityInput(String decision, String reason, String notifiedAt, String reference,
                                 String delayReason) {

    @Override
    public String toString() {
        return "AuthorityInput[REDACTED]";
    }
    }

    /**
     * Records the decision on notifying the supervisory authority of a breach. The reasons and the
     * authority's reference are officer-only content, sealed to the case's internal key as an
     * {@value #AUTHORITY_DECISION} record; the decision and the date stay in clear for the deadlines.
     */
    public Outcome recordAuthorityDecision(OfficerService.SignedIn officer, long caseId, long version,
                                           AuthorityInput input) {
        boolean[] reported = {false};
        Outcome outcome = change(officer, caseId, version, whileOpen((h, workflow, now) -> {
            if (workflow.kind != ReportKind.BREACH) {
                return List.of(messages.get("casework.error.breach-only"));
            }
            List<String> errors = new ArrayList<>();
            String reason = input.reason().strip();
            String reference = input.reference().strip();
            String delayReason = input.delayReason().strip();
            Optional<Instant> notifiedAt = Optional.empty();
            if (!input.decision().equals(NOTIFY) && !input.decision().equals(NOT_NEEDED)) {
                errors.add(messages.get("casework.error.decision"));
            }
            if (input.decision().equals(NOT_NEEDED) && reason.isEmpty()) {
                errors.add(messages.get("casework.error.decision-reason"));
            }
            if (!input.notifiedAt().isBlank()) {
                notifiedAt = LocalTimes.parse(input.notifiedAt(), views.zone());
                if (notifiedAt.isEmpty()) {
                    errors.add(messages.get("casework.error.notified-format", input.notifiedAt()));
                } else if (notifiedAt.get().isAfter(now)) {
                    errors.add(messages.get("casework.error.notified-future", views.dateTimeWithZone(now)));
                } else if (input.decision().equals(NOT_NEEDED)) {
                    errors.add(messages.get("casework.error.notified-not-needed"));
                }
            }
            Deadline due = caseClock.legalClock().breachNotification(workflow.times().awareness());
            if (notifiedAt.isPresent() && notifiedAt.get().isAfter(due.due().toInstant()) && delayReason.isEmpty()) {
                errors.add(messages.get("casework.error.delay-reason",
                        messages.get("casework.at", views.dateTime(due.due().toInstant()), views.zone().getId())));
            }
            for (String text : List.of(reason, reference, delayReason)) {
                if (text.codePointCount(0, text.length()) > textMaxChars) {
                    errors.add(messages.get("casework.error.too-long", textMaxChars));
                    break;
                }
            }
            if (!errors.isEmpty()) {
                return errors;
            }
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("v", 1)
                    .add("decision", input.decision())
                    .add("reason", reason)
                    .add("reference", reference)
                    .add("delayReason", delayReason);
            notifiedAt.ifPresent(instant -> json.add("notifiedAt", instant.getEpochSecond()));
            String publicId = HexFormat.of().formatHex(Sodium.get().randomBytes(16));
            byte[] body = Envelope.seal(workflow.internalPublicKey, toBytes(json),
                    internalAssociatedData(workflow.reference, publicId));
            store.insertInternalRecord(h, publicId, caseId, AUTHORITY_DECISION, officer.id(), now.getEpochSecond(), body);
            workflow.authorityDecision = Optional.of(input.decision());
            workflow.authorityNotifiedAt = notifiedAt;
            audit.record(h, officer.username(), AuditLog.CASE_DEADLINE, Optional.of(caseId));
            // whileOpen() let the step run only on an open case, so the new status cannot reopen one.
            if (notifiedAt.isPresent() && !workflow.status.equals(CaseStatus.REPORTED_TO_AUTHORITY.id())) {
                workflow.status = CaseStatus.REPORTED_TO_AUTHORITY.id();
                audit.record(h, officer.username(), AuditLog.CASE_STATUS, Optional.of(caseId));
                reported[0] = true;
            }
            return List.of();
        }));
        return reported[0] && outcome.result() == Result.DONE
                ? outcome.withNotice("casework.done.authority-reported")
                : outcome;
    }

    /**
     * Extends the answer deadline of an information request by one or two months and tells the
     * requester in the postbox, with the reason. Allowed once, and only within the first month
     * after receipt (GDPR Art. 12(3)).
     */
    public Outcome extend(OfficerService.SignedIn officer, long caseId, long version, String months, String reason) {
        return change(officer, caseId, version, whileOpen((h, workflow, now) -> {
            if (workflow.kind != ReportKind.REQUEST) {
                return List.of(messages.get("casework.error.request-only"));
            }
            if (workflow.extensionMonths > 0) {
                return List.of(messages.get("casework.error.already-extended"));
            }
            if (workflow.answeredAt.isPresent()) {
                return List.of(messages.get("casework.error.already-answered"));
            }
            if (!caseClock.legalClock().extensionAllowed(workflow.received(), now)) {
                Instant end = caseClock.legalClock().requestResponse(workflow.received()).due().toInstant();
                return List.of(messages.get("casework.error.extension-late", views.dateTimeWithZone(end)));
            }
            List<String> errors = new ArrayList<>();
            if (!months.equals("1") && !months.equals("2")) {
                errors.add(messages.get("casework.error.extension-months"));
            }
            String text = reason.strip();
            if (text.isEmpty()) {
                errors.add(messages.get("casework.error.extension-reason"));
            } else if (text.codePointCount(0, text.length()) > textMaxChars) {
                errors.add(messages.get("casework.error.too-long", textMaxChars));
            }
            if (!errors.isEmpty()) {
                return errors;
            }
            workflow.extensionMonths = Integer.parseInt(months);
            workflow.extendedAt = Optional.of(now);
            Instant newDue = caseClock.requestResponse(workflow.times()).due().toInstant();
            conversation.post(h, caseId, Author.OFFICER, messages.get("casework.extension.message",
                    workflow.extensionMonths, views.dateTimeWithZone(newDue), text));
            audit.record(h, officer.username(), AuditLog.CASE_DEADLINE, Optional.of(caseId));
            audit.record(h, officer.username(), AuditLog.CASE_REPLY, Optional.of(caseId));
            return List.of();
        }));
    }

    /** Records that an information request was answered, which ends its answer deadline. */
    public Outcome markAnswered(OfficerService.SignedIn officer, long caseId, long version) {
        return change(officer, caseId, version, whileOpen((h, workflow, now) -> {
            if (workflow.kind != ReportKind.REQUEST) {
                return List.of(messages.get("casework.error.request-only"));
            }
            if (workflow.answeredAt.isPresent()) {
                return List.of(messages.get("casework.error.already-answered"));
            }
            workflow.answeredAt = Optional.of(now);
            audit.record(h, officer.username(), AuditLog.CASE_DEADLINE, Optional.of(caseId));
            return List.of();
        }));
    }

    /** Closes the case: status "closed" and {@code closed_at}; no deadline stays open. */
    public Outcome close(OfficerService.SignedIn officer, long caseId, long version) {
        return change(officer, caseId, version, (h, workflow, now) -> {
            if (workflow.closedAt.isPresent()) {
                return List.of(messages.get("casework.error.already-closed"));
            }
            workflow.status = CaseStatus.CLOSED.id();
            workflow.closedAt = Optional.of(now);
            audit.record(h, officer.username(), AuditLog.CASE_STATUS, Optional.of(caseId));
            return List.of();
        });
    }

    /**
     * Wraps a step so that it is rejected on a closed case. Only a status change reopens a closed
     * case, and closing it again reports that it is closed already.
     */
    private Step whileOpen(Step step) {
        return (h, workflow, now) -> workflow.closedAt.isPresent()
                ? List.of(messages.get("casework.error.closed"))
                : step.apply(h, workflow, now);
    }

    /** Returns the associated data of an officer-only record: {@code case/<reference>/internal/<public id>}. */
    public static String internalAssociatedData(String reference, String publicId) {
        return "case/" + reference + "/internal/" + publicId;
    }

    private Outcome change(OfficerService.SignedIn officer, long caseId, long version, Step step) {
        Instant now = clock.instant();
        Outcome outcome = database.write(h -> {
            if (!store.holds(h, caseId, officer.id())) {
                return Outcome.of(Result.NOT_FOUND);
            }
            Optional<CaseWorkflow> loaded = store.load(h, caseId);
            if (loaded.isEmpty()) {
                return Outcome.of(Result.NOT_FOUND);
            }
            CaseWorkflow workflow = loaded.get();
            if (workflow.version != version) {
                return Outcome.of(Result.CONFLICT);
            }
            List<String> errors = step.apply(h, workflow, now);
            if (!errors.isEmpty()) {
                return new Outcome(Result.INVALID, errors);
            }
            if (!store.save(h, workflow, WorkflowStore.nextDeadline(caseClock, workflow.times()))) {
                throw new IllegalStateException("the case version changed inside the write transaction");
            }
            return Outcome.of(Result.DONE);
        });
        if (outcome.result() == Result.CONFLICT) {
            LOG.log(Level.INFO, "A case change was rejected because the case changed after the form was loaded");
        }
        return outcome;
    }

    private static byte[] toBytes(JsonObjectBuilder json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var writer = Json.createWriter(out)) {
            writer.writeObject(json.build());
        }
        return out.toByteArray();
    }
}
