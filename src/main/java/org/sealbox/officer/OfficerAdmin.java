package org.sealbox.officer;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.sealbox.audit.AuditLog;
import org.sealbox.storage.Database;

/**
 * Account changes by administrators: invitations, their withdrawal and deactivation. Every change
 * is audited in the transaction that makes it, with the affected username as the entry's subject.
 * Thread-safe.
 */
public final class OfficerAdmin {

    private static final System.Logger LOG = System.getLogger(OfficerAdmin.class.getName());

    private final Database database;
    private final Invitations invitations;
    private final OfficerSessions sessions;
    private final AuditLog audit;
    private final Clock clock;
    private final OfficerStore store = new OfficerStore();

    /** The result of a deactivation. */
    public enum Deactivation {
        DONE,
        NOT_FOUND,
        /** Administrators cannot deactivate themselves. */
        SELF,
        /** The account is the last active administrator. */
        LAST_ADMINISTRATOR
    }

    public OfficerAdmin(Database database, Invitations invitations, OfficerSessions sessions, AuditLog audit,
                        Clock clock) {
        this.database = database;
        this.invitations = invitations;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    public List<OfficerStore.Listed> accounts() {
        return database.read(store::list);
    }

    public List<Invitations.Invitation> pendingInvitations() {
        return invitations.pending();
    }

    /**
     * Creates an invitation and returns the token of its activation link.
     *
     * @throws OfficerService.InvalidAccountException for an invalid or taken username
     */
    public String invite(OfficerService.SignedIn administrator, String username, Role role)
            throws OfficerService.InvalidAccountException {
        requireAdministrator(administrator);
        String token = database.write(h -> {
            String created = invitations.create(h, username, role, administrator.id());
            // create() accepted the username, so it has a normalised form.
            audit.record(h, administrator.username(), AuditLog.OFFICER_INVITE, Optional.empty(),
                    OfficerService.normaliseUsername(username));
            return created;
        });
        LOG.log(Level.INFO, "Officer invited ({0})", role.id());
        return token;
    }

    /**
     * Withdraws an open invitation: deletes it, so its activation link stops working and the
     * username can be invited again.
     *
     * @return whether an open invitation with this id existed. A used or expired one is left as
     *         it is and returns false.
     */
    public boolean withdrawInvitation(OfficerService.SignedIn administrator, long invitationId) {
        requireAdministrator(administrator);
        Optional<String> withdrawn = database.write(h -> {
            Optional<String> username = invitations.withdraw(h, invitationId);
            username.ifPresent(name -> audit.record(h, administrator.username(), AuditLog.OFFICER_INVITE_WITHDRAWN,
                    Optional.empty(), Optional.of(name)));
            return username;
        });
        if (withdrawn.isPresent()) {
            LOG.log(Level.INFO, "Officer invitation withdrawn");
        }
        return withdrawn.isPresent();
    }

    /**
     * Deactivates an account: it can no longer log in, its sealed copies of every case key are
     * deleted, its pending grant is dropped and its sessions end.
     */
    public Deactivation deactivate(OfficerService.SignedIn administrator, long officerId) {
        requireAdministrator(administrator);
        if (officerId == administrator.id()) {
            return Deactivation.SELF;
        }
        Deactivation result = database.write(h -> {
            Optional<OfficerStore.Row> target = store.findById(h, officerId).filter(OfficerStore.Row::active);
            if (target.isEmpty()) {
                return Deactivation.NOT_FOUND;
            }
            if (target.get().role() == Role.ADMINISTRATOR && store.countActiveAdministrators(h) <= 1) {
                return Deactivation.LAST_ADMINISTRATOR;
            }
            h.createUpdate("UPDATE officer SET active = 0, deactivated_at = :now WHERE id = :id")
                    .bind("now", clock.instant().getEpochSecond())
                    .bind("id", officerId)
                    .execute();
            h.createUpdate("DELETE FROM case_key WHERE officer_id = :id").bind("id", officerId).execute();
            h.createUpdate("DELETE FROM pending_grant WHERE officer_id = :id").bind("id", officerId).execute();
            audit.record(h, administrator.username(), AuditLog.OFFICER_DEACTIVATE, Optional.empty(),
                    Optional.of(target.get().username()));
            return Deactivation.DONE;
        });
        if (result == Deactivation.DONE) {
            int ended = sessions.endSessionsOf(officerId);
            LOG.log(Level.INFO, "Officer deactivated; {0} of their sessions ended", ended);
        }
        return result;
    }

    private static void requireAdministrator(OfficerService.SignedIn officer) {
        if (!officer.isAdministrator()) {
            throw new IllegalArgumentException("only administrators manage accounts");
        }
    }
}
