package org.sealbox.officer;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import io.helidon.webserver.http.HttpService;

import org.sealbox.audit.AuditLog;
import org.sealbox.storage.Database;
import org.sealbox.web.Pages;

/** Wires the account pages, the officers page and the access part of the case page. */
public final class Accounts {

    private Accounts() {
    }

    /**
     * Builds the account services, adds the access part to {@code officerRoutes}' case page and
     * returns the services to register on the admin listener.
     */
    public static List<HttpService> install(OfficerRoutes officerRoutes, Pages pages, OfficerSessions sessions,
                                            OfficerService officers, FirstRunSetup setup, Database database,
                                            AuditLog audit, String organisationName, ZoneId zone, Clock clock) {
        Invitations invitations = new Invitations(database, clock);
        CaseAccess access = new CaseAccess(database, audit);
        CaseAccessRoutes accessRoutes = new CaseAccessRoutes(pages, sessions, access);
        officerRoutes.addSection(accessRoutes);
        return List.of(
                new AccountRoutes(pages, sessions, officers, setup, invitations, access, audit, clock, organisationName),
                new OfficerAdminRoutes(pages, sessions, new OfficerAdmin(database, invitations, sessions, audit, clock), zone),
                accessRoutes);
    }
}
