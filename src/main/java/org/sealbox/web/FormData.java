package org.sealbox.web;

import java.util.List;
import java.util.Map;

/**
 * Fields of a submitted form, in the order they arrived.
 *
 * @param fields    values per field name
 * @param malformed whether some bytes could not be decoded and were kept literally or replaced
 */
public record FormData(Map<String, List<String>> fields, boolean malformed) {

    /** Returns the first value of {@code name}, or "" when absent. */
    public String first(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }

    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }
}
