package org.sealbox.casework;

import java.io.ByteArrayInputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.sealbox.crypto.BoxKeyPair;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.Envelope;
import org.sealbox.crypto.SealedBox;
import org.sealbox.deadline.Deadline;
import org.sealbox.officer.CasePageSection;
import org.sealbox.officer.CaseReader;
import org.sealbox.officer.OfficerService;
import org.sealbox.report.ReportKind;
import org.sealbox.storage.Database;
import org.sealbox.web.Messages;
import org.sealbox.web.Session;

/**
 * The "workflow" part of the case page ({@code _case-workflow.mustache}): the open deadlines and
 * the forms of every workflow step. Opening the case page also marks the case's messages as read
 * for the officer, which lowers the unread count on the list. Thread-safe.
 */
public final class WorkflowViews implements CasePageSection {

    private static final System.Logger LOG = System.getLogger(WorkflowViews.class.getName());
    /** A one-time notice for the next case page after a workflow step succeeded. */
    static final Session.Key<String> NOTICE = new Session.Key<>("workflow-notice", String.class);

    private final Database database;
    private final WorkflowStore store = new WorkflowStore();
    private final CaseClock caseClock;
    private final StatusLabels labels;
    private final Messages messages;
    private final DeadlineViews views;
    private final Clock clock;

    public WorkflowViews(Database database, CaseClock caseClock, StatusLabels labels, Messages messages, Clock clock) {
        this.database = database;
        this.caseClock = caseClock;
        this.labels = labels;
        this.messages = messages;
        this.views = new DeadlineViews(messages, caseClock.legalClock().zone());
        this.clock = clock;
    }

    public StatusLabels labels() {
        return labels;
    }

    /** Adds {@code workflow} and {@code status} (the configured label) to the case page, and marks the case read. */
    @Override
    public Map<String, Object> model(Session session, OfficerService.SignedIn officer, CaseReader.OpenCase openCase) {
        long caseId = openCase.summary().id();
        database.write(h -> {
            store.markRead(h, caseId, officer.id());
            return null;
        });
        Map<String, Object> model = new HashMap<>();
        Optional<String> notice = session.get(NOTICE);
        session.remove(NOTICE);
        workflow(officer, caseId, Map.of(), List.of()).ifPresent(workflow -> {
            notice.ifPresent(text -> workflow.put("notice", text));
            model.put("workflow", workflow);
            model.put("status", workflow.get("statusLabel"));
        });
        return model;
    }

    /**
     * Builds the model of the workflow forms for a case, with {@code typed} form values in place of
     * the stored ones and {@code errors} shown above the forms.
     *
     * @return empty when the case does not exist or the officer has no key for it
     */
    Optional<Map<String, Object>> workflow(OfficerService.SignedIn officer, long caseId, Map<String, String> typed,
                                           List<String> errors) {
        record Loaded(CaseWorkflow workflow, List<WorkflowStore.Holder> holders, Optional<String> assignee,
                      Optional<WorkflowStore.InternalRecord> decision, Optional<byte[]> sealedInternalKey) {
        }
        Optional<Loaded> found = database.read(h -> {
            if (!store.holds(h, caseId, officer.id())) {
                return Optional.empty();
            }
            return store.load(h, caseId).map(workflow -> new Loaded(workflow, store.holders(h, caseId),
                    workflow.assigneeId.flatMap(id -> store.username(h, id)),
                    store.latestInternalRecord(h, caseId, WorkflowService.AUTHORITY_DECISION),
                    store.sealedInternalKey(h, caseId, officer.id())));
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CaseWorkflow workflow = found.get().workflow();
        Instant now = clock.instant();
        Map<String, Object> model = new HashMap<>();
        model.put("caseId", caseId);
        model.put("version", workflow.version);
        model.put("statusLabel", labels.label(workflow.status));
        model.put("errors", errors.stream().map(text -> Map.of("message", text)).toList());
        model.put("hasErrors", !errors.isEmpty());

        List<Map<String, Object>> deadlines = new ArrayList<>();
        for (Deadline deadline : caseClock.open(workflow.times())) {
            deadlines.add(views.deadline(deadline, now));
        }
        model.put("deadlines", deadlines);
        model.put("hasDeadlines", !deadlines.isEmpty());

        String typedStatus = typed.getOrDefault("status", workflow.status);
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (CaseStatus status : CaseStatus.values()) {
            // A status that does not fit the kind is offered only while the case still has it.
            if (!status.allowedFor(workflow.kind) && !status.id().equals(workflow.status)) {
                continue;
            }
            statuses.add(Map.of("value", status.id(), "label", labels.label(status),
                    "selected", status.id().equals(typedStatus)));
        }
        model.put("statuses", statuses);

        String typedAssignee = typed.getOrDefault("assignee", workflow.assigneeId.map(Object::toString).orElse(""));
        List<Map<String, Object>> assignees = new ArrayList<>();
        assignees.add(Map.of("value", "", "label", messages.get("casework.unassigned"), "selected", typedAssignee.isEmpty()));
        for (WorkflowStore.Holder holder : found.get().holders()) {
            String id = Long.toString(holder.id());
            assignees.add(Map.of("value", id, "label", holder.username(), "selected", id.equals(typedAssignee)));
        }
        model.put("assignees", assignees);
        model.put("assignee", found.get().assignee().orElse(messages.get("casework.unassigned")));

        model.put("acknowledged", workflow.acknowledgedAt.map(views::dateTimeWithZone).orElse(null));
        model.put("feedback", workflow.feedbackAt.map(views::dateTimeWithZone).orElse(null));
        model.put("closed", workflow.closedAt.map(views::dateTimeWithZone).orElse(null));
        model.put("open", workflow.closedAt.isEmpty());
        workflow.answeredAt.ifPresent(answered -> model.put("answeredOn",
                messages.get("casework.answered.on", views.dateTimeWithZone(answered))));

        if (workflow.kind == ReportKind.BREACH) {
            model.put("breach", breachModel(officer, workflow, found.get().decision(), found.get().sealedInternalKey(),
                    typed, now));
        } else {
            model.put("request", requestModel(workflow, typed, now));
        }
        return Optional.of(model);
    }

    private Map<String, Object> breachModel(OfficerService.SignedIn officer, CaseWorkflow workflow,
                                            Optional<WorkflowStore.InternalRecord> decision,
                                            Optional<byte[]> sealedInternalKey, Map<String, String> typed,
                                            Instant now) {
        Map<String, Object> model = new HashMap<>();
        model.put("awareness", views.dateTimeWithZone(workflow.times().awareness()));
        model.put("awarenessSet", workflow.awareAt.isPresent());
        model.put("awareAt", typed.getOrDefault("aware-at", LocalTimes.field(workflow.times().awareness(), views.zone())));
        model.put("maxTime", LocalTimes.field(now, views.zone()));
        model.put("zone", views.zone().getId());
        model.put("notificationDue", views.deadline(caseClock.legalClock().breachNotification(workflow.times().awareness()),
                now).get("due"));
        workflow.authorityDecision.ifPresent(value -> model.put("decisionLabel", messages.get("casework.decision." + value)));
        workflow.authorityNotifiedAt.ifPresent(value -> model.put("notifiedLabel", views.dateTimeWithZone(value)));
        Optional<JsonObject> stored = openDecision(officer, workflow, decision, sealedInternalKey);
        stored.ifPresent(json -> {
            model.put("decisionReason", blankToNull(json.getString("reason", "")));
            model.put("authorityReference", blankToNull(json.getString("reference", "")));
            model.put("delayReasonStored", blankToNull(json.getString("delayReason", "")));
        });
        String decisionValue = typed.getOrDefault("decision", workflow.authorityDecision.orElse(""));
        model.put("notifyChecked", decisionValue.equals(WorkflowService.NOTIFY));
        model.put("notNeededChecked", decisionValue.equals(WorkflowService.NOT_NEEDED));
        model.put("reason", typed.getOrDefault("reason", stored.map(json -> json.getString("reason", "")).orElse("")));
        model.put("notifiedAt", typed.getOrDefault("notified-at",
                workflow.authorityNotifiedAt.map(value -> LocalTimes.field(value, views.zone())).orElse("")));
        model.put("reference", typed.getOrDefault("reference",
                stored.map(json -> json.getString("reference", "")).orElse("")));
        model.put("delayReason", typed.getOrDefault("delay-reason",
                stored.map(json -> json.getString("delayReason", "")).orElse("")));
        return model;
    }

    private Map<String, Object> requestModel(CaseWorkflow workflow, Map<String, String> typed, Instant now) {
        Map<String, Object> model = new HashMap<>();
        model.put("answered", workflow.answeredAt.map(views::dateTimeWithZone).orElse(null));
        model.put("responseDue", views.deadline(caseClock.requestResponse(workflow.times()), now).get("due"));
        if (workflow.extensionMonths > 0) {
            model.put("extended", messages.get("casework.extension.done", workflow.extensionMonths,
                    workflow.extendedAt.map(views::dateTimeWithZone).orElse("")));
        }
        boolean allowed = caseClock.legalClock().extensionAllowed(workflow.received(), now);
        model.put("canExtend", workflow.extensionMonths == 0 && workflow.answeredAt.isEmpty() && allowed);
        if (!allowed && workflow.extensionMonths == 0) {
            model.put("extensionClosed", messages.get("casework.extension.closed", views.dateTimeWithZone(
                    caseClock.legalClock().requestResponse(workflow.received()).due().toInstant())));
        }
        String months = typed.getOrDefault("months", "");
        model.put("oneMonth", months.equals("1"));
        model.put("twoMonths", months.equals("2"));
        model.put("extensionReason", typed.getOrDefault("extension-reason", ""));
        return model;
    }

    /** Decrypts the newest authority decision with the officer's copy of the internal key. */
    private Optional<JsonObject> openDecision(OfficerService.SignedIn officer, CaseWorkflow workflow,
                                              Optional<WorkflowStore.InternalRecord> decision,
                                              Optional<byte[]> sealedInternalKey) {
        if (decision.isEmpty() || sealedInternalKey.isEmpty()) {
            return Optional.empty();
        }
        try (BoxKeyPair internalKeys = BoxKeyPair.fromPrivateKey(SealedBox.open(officer.keys(), sealedInternalKey.get()))) {
            byte[] json = Envelope.open(internalKeys, decision.get().body(),
                    WorkflowService.internalAssociatedData(workflow.reference, decision.get().publicId()));
            try (var reader = Json.createReader(new ByteArrayInputStream(json))) {
                return Optional.of(reader.readObject());
            }
        } catch (DecryptionException e) {
            LOG.log(Level.WARNING, "An authority decision did not decrypt with the officer's internal key");
            return Optional.empty();
        }
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text;
    }
}
