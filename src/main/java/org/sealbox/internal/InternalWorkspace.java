package org.sealbox.internal;

import java.time.Clock;
import java.util.List;

import io.helidon.webserver.http.HttpService;

import org.sealbox.audit.AuditLog;
import org.sealbox.casework.CaseClock;
import org.sealbox.config.SealboxConfig;
import org.sealbox.officer.CaseReader;
import org.sealbox.officer.OfficerRoutes;
import org.sealbox.register.BreachRegister;
import org.sealbox.register.NotificationDraft;
import org.sealbox.register.RegisterRoutes;
import org.sealbox.report.FormCatalog;
import org.sealbox.storage.Database;
import org.sealbox.web.Messages;
import org.sealbox.web.Pages;
import org.sealbox.web.SessionCookies;

/** Wires internal notes, risk assessment, breach register and draft notification into the admin listener. */
public final class InternalWorkspace {

    private InternalWorkspace() {
    }

    /**
     * Adds the internal section to the case page and returns the admin listener's services for
     * its forms, the register and the draft notification.
     *
     * @param contact the configured contact point for the authority ({@code sealbox.organisation.contact})
     */
    public static List<HttpService> install(OfficerRoutes officerRoutes, Pages pages, SessionCookies adminCookies,
                                            Database database, AuditLog audit, CaseReader reader, FormCatalog forms,
                                            SealboxConfig config, String contact, Clock clock) {
        OfficerPages officerPages = new OfficerPages(pages, adminCookies, database, config.timeZone());
        InternalRecords records = new InternalRecords(database, clock);
        InternalSection section = new InternalSection(records, officerPages);
        officerRoutes.addSection(section);

        Messages messages = pages.messages();
        // TODO: use the configurable status labels of the case workflow once App builds them.
        BreachRegister register = new BreachRegister(database, records, new CaseClock(config.timeZone()), officerPages,
                status -> messages.has("admin.status." + status) ? messages.get("admin.status." + status) : status);
        NotificationDraft draft = new NotificationDraft(messages, config.organisationName(), contact, config.timeZone());
        return List.of(
                new InternalRoutes(officerPages, records, section, database, audit, config.textMaxChars()),
                new RegisterRoutes(officerPages, register, draft, reader, forms, audit, clock));
    }
}
