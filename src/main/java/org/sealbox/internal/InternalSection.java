package org.sealbox.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.Sodium;
import org.sealbox.officer.CasePageSection;
import org.sealbox.officer.CaseReader;
import org.sealbox.officer.OfficerService;
import org.sealbox.register.RegisterEntry;
import org.sealbox.report.CaseStore;
import org.sealbox.report.ReportKind;
import org.sealbox.web.Messages;
import org.sealbox.web.Session;

/**
 * The officer-only part of the case page (partial {@code _case-internal}): internal notes on
 * every case, and on breach cases the risk assessment, the breach register entry and the link to
 * the draft notification. Everything here is decrypted with the case's internal key. Its model
 * sits under the single key {@code internal}. Thread-safe.
 */
public final class InternalSection implements CasePageSection {

    private static final System.Logger LOG = System.getLogger(InternalSection.class.getName());

    private final InternalRecords records;
    private final OfficerPages officerPages;
    private final Messages messages;

    public InternalSection(InternalRecords records, OfficerPages officerPages) {
        this.records = records;
        this.officerPages = officerPages;
        this.messages = officerPages.messages();
    }

    @Override
    public Map<String, Object> model(Session session, OfficerService.SignedIn officer, CaseReader.OpenCase openCase) {
        return Map.of("internal", model(session, officer, openCase.summary(), InternalForms.NONE));
    }

    /** Builds the section's model, with the typed values and errors of {@code forms}. */
    public Map<String, Object> model(Session session, OfficerService.SignedIn officer, CaseStore.Summary summary,
                                     InternalForms forms) {
        Map<String, Object> model = new HashMap<>();
        long caseId = summary.id();
        boolean breach = summary.kind() == ReportKind.BREACH;
        model.put("caseId", caseId);
        model.put("csrf", session.csrfToken());
        model.put("breach", breach);
        // Explicit false values, so that Mustache does not find a key of the same name in the page around.
        model.put("unreadable", false);
        model.put("risk", false);
        model.put("registerSaved", false);

        Map<String, List<InternalRecords.Entry>> entries;
        try {
            entries = records.read(officer, caseId, Set.of(InternalRecords.NOTE, InternalRecords.RISK, InternalRecords.REGISTER));
        } catch (DecryptionException e) {
            LOG.log(Level.WARNING, "An internal record did not decrypt with the officer's key");
            model.put("unreadable", true);
            return model;
        } catch (InternalRecords.NoKeyException e) {
            model.put("unreadable", true);
            return model;
        }

        model.put("notes", notes(entries.getOrDefault(InternalRecords.NOTE, List.of())));
        model.put("hasNotes", entries.containsKey(InternalRecords.NOTE));
        model.put("note", forms.note());
        model.put("noteErrors", forms.noteErrors());
        model.put("submission", Base64.getUrlEncoder().withoutPadding().encodeToString(Sodium.get().randomBytes(16)));

        if (breach) {
            putRisk(model, entries.getOrDefault(InternalRecords.RISK, List.of()), forms);
            putRegister(model, entries.getOrDefault(InternalRecords.REGISTER, List.of()), forms);
            model.put("draftHref", "/cases/" + caseId + "/notification-draft");
        }
        return model;
    }

    private List<Map<String, Object>> notes(List<InternalRecords.Entry> notes) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InternalRecords.Entry note : notes) {
            rows.add(Map.of("author", author(note), "time", officerPages.format(note.createdAt()),
                    "text", note.body().getString("text", "")));
        }
        return rows;
    }

    private void putRisk(Map<String, Object> model, List<InternalRecords.Entry> assessments, InternalForms forms) {
        Optional<InternalRecords.Entry> latest = assessments.isEmpty() ? Optional.empty()
                : Optional.of(assessments.getLast());
        model.put("riskBasis", latest.map(InternalRecords.Entry::publicId).orElse(""));
        latest.ifPresent(entry -> model.put("risk", assessmentModel(entry)));
        List<Map<String, Object>> history = new ArrayList<>();
        for (int i = assessments.size() - 2; i >= 0; i--) {
            history.add(assessmentModel(assessments.get(i)));
        }
        model.put("riskHistory", history);
        model.put("hasRiskHistory", !history.isEmpty());

        InternalForms.RiskForm typed = forms.risk();
        if (typed == null) {
            typed = latest.map(entry -> RiskAssessment.fromJson(entry.body()))
                    .map(a -> new InternalForms.RiskForm(a.likelihood().id(), a.severity().id(),
                            a.overridden() ? "override" : "confirm", a.overridden() ? a.outcome().id() : "", a.reason()))
                    .orElse(new InternalForms.RiskForm("", "", "confirm", "", ""));
        }
        model.put("likelihoodOptions", levelOptions(typed.likelihood()));
        model.put("severityOptions", levelOptions(typed.severity()));
        model.put("outcomeOptions", outcomeOptions(typed.outcome()));
        model.put("decisionConfirm", !"override".equals(typed.decision()));
        model.put("decisionOverride", "override".equals(typed.decision()));
        model.put("riskReason", typed.reason());
        model.put("riskErrors", forms.riskErrors());
        model.put("matrix", matrixRows());
    }

    private Map<String, Object> assessmentModel(InternalRecords.Entry entry) {
        RiskAssessment assessment = RiskAssessment.fromJson(entry.body());
        Map<String, Object> model = new HashMap<>();
        model.put("likelihood", levelLabel(assessment.likelihood()));
        model.put("severity", levelLabel(assessment.severity()));
        model.put("recommendation", outcomeLabel(assessment.recommendation()));
        model.put("outcome", outcomeLabel(assessment.outcome()));
        model.put("overridden", assessment.overridden());
        model.put("reason", assessment.reason());
        model.put("author", author(entry));
        model.put("time", officerPages.format(entry.createdAt()));
        return model;
    }

    private void putRegister(Map<String, Object> model, List<InternalRecords.Entry> registerEntries, InternalForms forms) {
        Optional<InternalRecords.Entry> latest = registerEntries.isEmpty() ? Optional.empty()
                : Optional.of(registerEntries.getLast());
        model.put("registerBasis", latest.map(InternalRecords.Entry::publicId).orElse(""));
        latest.ifPresent(entry -> model.put("registerSaved",
                messages.get("internal.register.saved-by", author(entry), officerPages.format(entry.createdAt()))));
        RegisterEntry shown = forms.register() != null ? forms.register()
                : latest.map(entry -> RegisterEntry.fromJson(entry.body())).orElse(RegisterEntry.EMPTY);
        model.put("facts", shown.facts());
        model.put("effects", shown.effects());
        model.put("remedial", shown.remedial());
        model.put("registerErrors", forms.registerErrors());
    }

    private List<Map<String, Object>> levelOptions(String selected) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (RiskLevel level : RiskLevel.values()) {
            options.add(Map.of("id", level.id(), "label", levelLabel(level), "selected", level.id().equals(selected)));
        }
        return options;
    }

    private List<Map<String, Object>> outcomeOptions(String selected) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (Recommendation outcome : Recommendation.values()) {
            options.add(Map.of("id", outcome.id(), "label", outcomeLabel(outcome), "selected", outcome.id().equals(selected)));
        }
        return options;
    }

    /** The matrix as table rows, so that the officer sees the recommendation before sending the form. */
    private List<Map<String, Object>> matrixRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RiskLevel likelihood : RiskLevel.values()) {
            List<String> cells = new ArrayList<>();
            for (RiskLevel severity : RiskLevel.values()) {
                cells.add(outcomeLabel(RiskMatrix.recommend(likelihood, severity)));
            }
            rows.add(Map.of("likelihood", levelLabel(likelihood), "cells", cells));
        }
        return rows;
    }

    public String levelLabel(RiskLevel level) {
        return messages.get("internal.level." + level.id());
    }

    public String outcomeLabel(Recommendation outcome) {
        return messages.get("internal.outcome." + outcome.id());
    }

    private String author(InternalRecords.Entry entry) {
        return entry.author().orElse(messages.get("internal.former-officer"));
    }
}
