package org.sealbox.register;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The breach register's text for one case, which GDPR Art. 33(5) asks the controller to
 * document, stored as an internal record of kind {@link org.sealbox.internal.InternalRecords#REGISTER}.
 *
 * @param facts    the facts of the breach, including which data and roughly how many people and records
 * @param effects  its effects and likely consequences
 * @param remedial the remedial action taken or planned
 */
public record RegisterEntry(String facts, String effects, String remedial) {

    @Override
    public String toString() {
        return "RegisterEntry[REDACTED]";
    }

    public static final RegisterEntry EMPTY = new RegisterEntry("", "", "");

    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("facts", facts)
                .add("effects", effects)
                .add("remedial", remedial)
                .build();
    }

    public static RegisterEntry fromJson(JsonObject json) {
        return new RegisterEntry(json.getString("facts", ""), json.getString("effects", ""),
                json.getString("remedial", ""));
    }

    public boolean isEmpty() {
        return facts.isBlank() && effects.isBlank() && remedial.isBlank();
    }
}
