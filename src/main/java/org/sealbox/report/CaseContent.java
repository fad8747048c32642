package org.sealbox.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;

/**
 * What the reporter sent, as the JSON document sealed into a case.
 *
 * @param kind    breach report or information request
 * @param answers option ids or typed text per question id
 * @param details the free text
 */
public record CaseContent(ReportKind kind, Map<String, List<String>> answers, String details) {

    private static final int VERSION = 1;

    public byte[] toJson() {
        JsonObjectBuilder answersJson = Json.createObjectBuilder();
        answers.forEach((id, values) -> {
            JsonArrayBuilder array = Json.createArrayBuilder();
            values.forEach(array::add);
            answersJson.add(id, array);
        });
        JsonObject document = Json.createObjectBuilder()
                .add("v", VERSION)
                .add("kind", kind.id())
                .add("answers", answersJson)
                .add("details", details)
                .build();
        return write(document);
    }

    public static CaseContent fromJson(byte[] json) {
        JsonObject document = read(json);
        ReportKind kind = ReportKind.fromId(document.getString("kind"))
                .orElseThrow(() -> new IllegalArgumentException("unknown kind in case content"));
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : document.getJsonObject("answers").entrySet()) {
            List<String> values = new ArrayList<>();
            entry.getValue().asJsonArray().forEach(value -> values.add(((JsonString) value).getString()));
            answers.put(entry.getKey(), List.copyOf(values));
        }
        return new CaseContent(kind, answers, document.getString("details"));
    }

    static byte[] write(JsonObject document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWriter writer = Json.createWriter(out)) {
            writer.writeObject(document);
        }
        return out.toByteArray();
    }

    static JsonObject read(byte[] json) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
            return reader.readObject();
        }
    }

    @Override
    public String toString() {
        return "CaseContent[" + kind + ", REDACTED]";
    }
}
