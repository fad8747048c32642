package org.sealbox.officer;

import java.util.Map;

import org.sealbox.web.Session;

/**
 * A part of the officer's case page that another feature contributes (workflow, deadlines,
 * internal notes, risk assessment). {@link OfficerRoutes} merges the model of every section into
 * the page's model; the template includes the section's partial.
 */
public interface CasePageSection {

    /**
     * Returns the model keys this section adds for one case. Keys must not clash with other
     * sections'; prefix them with the section's name.
     */
    Map<String, Object> model(Session session, OfficerService.SignedIn officer, CaseReader.OpenCase openCase);
}
