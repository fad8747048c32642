package org.sealbox.internal;

import java.util.List;

import org.sealbox.register.RegisterEntry;

/**
 * The text an officer typed into one of the internal forms on the case page and the reasons it
 * was not stored, so that the page shown again keeps the text. {@link #NONE} is the plain case page.
 *
 * @param note           text of the note form
 * @param noteErrors     messages for the note form
 * @param risk           the risk form's fields, or null to preselect the latest assessment
 * @param riskErrors     messages for the risk form
 * @param register       the register entry form's fields, or null to show the latest entry
 * @param registerErrors messages for the register entry form
 */
public record InternalForms(String note, List<String> noteErrors, RiskForm risk, List<String> riskErrors,
                            RegisterEntry register, List<String> registerErrors) {

    public static final InternalForms NONE = new InternalForms("", List.of(), null, List.of(), null, List.of());

    /**
     * The risk form as typed: ids of the chosen levels and outcome, empty when nothing was chosen.
     *
     * @param decision "confirm" or "override"
     */
    public record RiskForm(String likelihood, String severity, String decision, String outcome, String reason) {
    }

    public static InternalForms note(String text, String error) {
        return new InternalForms(text, List.of(error), null, List.of(), null, List.of());
    }

    public static InternalForms risk(RiskForm form, List<String> errors) {
        return new InternalForms("", List.of(), form, errors, null, List.of());
    }

    public static InternalForms register(RegisterEntry entry, List<String> errors) {
        return new InternalForms("", List.of(), null, List.of(), entry, errors);
    }
}
