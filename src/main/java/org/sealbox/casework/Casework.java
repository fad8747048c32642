package org.sealbox.casework;

import java.time.Clock;
import java.util.List;

import io.helidon.config.Config;
import io.helidon.webserver.http.HttpService;

import org.sealbox.audit.AuditLog;
import org.sealbox.officer.OfficerRoutes;
import org.sealbox.officer.OfficerSessions;
import org.sealbox.postbox.Conversation;
import org.sealbox.storage.Database;
import org.sealbox.web.Pages;

/** Wires the case list and the case workflow into the admin listener. */
public final class Casework {

    private Casework() {
    }

    /**
     * Adds the workflow section to the case page and returns the admin services of the case list
     * and the workflow forms.
     *
     * @param sealbox the {@code sealbox} settings node, for {@code statuses} and
     *                {@code workflow.acknowledgement-message}
     * @throws org.sealbox.config.ConfigException when a status label setting is invalid
     */
    public static List<HttpService> install(OfficerRoutes officerRoutes, Pages pages, OfficerSessions sessions,
                                            Database database, AuditLog audit, Conversation conversation,
                                            CaseClock caseClock, Config sealbox, int textMaxChars, Clock clock) {
        StatusLabels labels = StatusLabels.from(sealbox.get("statuses"), pages.messages());
        WorkflowViews views = new WorkflowViews(database, caseClock, labels, pages.messages(), clock);
        officerRoutes.addSection(views);
        WorkflowService service = workflow(pages, database, audit, conversation, caseClock, sealbox, textMaxChars, clock);
        return List.of(new CaseListRoutes(pages, sessions, database, caseClock, labels, clock),
                new WorkflowRoutes(pages, sessions, service, views));
    }

    /** The workflow rules with the configured acknowledgement message, for the pages and the API. */
    public static WorkflowService workflow(Pages pages, Database database, AuditLog audit, Conversation conversation,
                                           CaseClock caseClock, Config sealbox, int textMaxChars, Clock clock) {
        String acknowledgement = sealbox.get("workflow.acknowledgement-message").asString().orElse("").strip();
        if (acknowledgement.isEmpty()) {
            acknowledgement = pages.messages().get("casework.acknowledgement.default-message");
        }
        return new WorkflowService(database, caseClock, conversation, audit, pages.messages(),
                clock, acknowledgement, textMaxChars);
    }
}
