package org.sealbox.casework;

import java.util.EnumMap;
import java.util.Map;

import io.helidon.config.Config;

import org.sealbox.config.ConfigException;
import org.sealbox.web.Messages;

/**
 * The officers' names of the case statuses: {@code sealbox.statuses.<id>} from the settings when
 * set, otherwise {@code admin.status.<id>} from the message bundle. Reporters see the wording of
 * {@code status.<id>} in their postbox instead, which the settings do not change. Immutable.
 */
public final class StatusLabels {

    private final Map<CaseStatus, String> labels;

    private StatusLabels(Map<CaseStatus, String> labels) {
        this.labels = labels;
    }

    /**
     * Reads the overrides from the {@code sealbox.statuses} node.
     *
     * @throws ConfigException when the node names an unknown status or sets an empty label
     */
    public static StatusLabels from(Config statuses, Messages messages) {
        Map<CaseStatus, String> labels = new EnumMap<>(CaseStatus.class);
        for (CaseStatus status : CaseStatus.values()) {
            labels.put(status, messages.get("admin.status." + status.id()));
        }
        for (Config node : statuses.asNodeList().orElse(java.util.List.of())) {
            String id = node.name();
            CaseStatus status = CaseStatus.fromId(id).orElseThrow(() -> new ConfigException(
                    "sealbox.statuses." + id + " is not a case status: use new, acknowledged, in-review,"
                            + " waiting-for-reporter, reported-to-authority or closed"));
            String label = node.asString().orElse("").strip();
            if (label.isEmpty()) {
                throw new ConfigException("sealbox.statuses." + id + " is empty: set a label or remove the key");
            }
            labels.put(status, label);
        }
        return new StatusLabels(labels);
    }

    public String label(CaseStatus status) {
        return labels.get(status);
    }

    /** The label of a stored status id; an unknown id, which no code writes, is shown as it is. */
    public String label(String id) {
        return CaseStatus.fromId(id).map(this::label).orElse(id);
    }
}
