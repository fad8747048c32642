package org.sealbox.officer;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jdbi.v3.core.Handle;

import org.sealbox.audit.AuditLog;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.SealedBox;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.storage.Database;

/**
 * Who may open a case. A case is readable by the officers who hold a row in {@code case_key}
 * (the case private keys sealed to their public key). The server cannot add such a row alone:
 * an officer who has access to the case unseals the keys with their private key and seals them to the
 * other officer, either on the case page or through a pending grant at their next log-in.
 * Exclusions ({@code case_exclusion}) are never granted. Thread-safe.
 */
public final class CaseAccess {

    private static final System.Logger LOG = System.getLogger(CaseAccess.class.getName());

    private final Database database;
    private final AuditLog audit;

    /** An officer as the access part of the case page lists them. */
    public record Member(long id, String username, Role role) {
    }

    /** The active officers who hold the case and those who could be granted it, and every officer excluded from it. */
    public record Overview(List<Member> holders, List<Member> grantable, List<Member> excluded) {
    }

    /** The result of a grant or an exclusion. */
    public enum Result {
        DONE,
        /** The acting officer does not hold the case (or it does not exist). */
        CASE_NOT_FOUND,
        /** The other officer is not active, already has access to the case, is excluded, or is the acting officer. */
        NOT_POSSIBLE
    }

    public CaseAccess(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    public Overview overview(long caseId) {
        return database.read(h -> new Overview(
                members(h, """
                        SELECT o.id, o.username, o.role FROM officer o
                        WHERE o.active = 1 AND EXISTS (SELECT 1 FROM case_key k WHERE k.case_id = :caseId AND k.officer_id = o.id)
                        ORDER BY o.username""", caseId),
                members(h, """
                        SELECT o.id, o.username, o.role FROM officer o
                        WHERE o.active = 1
                          AND NOT EXISTS (SELECT 1 FROM case_key k WHERE k.case_id = :caseId AND k.officer_id = o.id)
                          AND NOT EXISTS (SELECT 1 FROM case_exclusion e WHERE e.case_id = :caseId AND e.officer_id = o.id)
                        ORDER BY o.username""", caseId),
                members(h, """
                        SELECT o.id, o.username, o.role FROM officer o
                        JOIN case_exclusion e ON e.officer_id = o.id AND e.case_id = :caseId
                        ORDER BY o.username""", caseId)));
    }

    /** Seals the case to {@code granteeId}, who must be active, not hold it yet and not be excluded. */
    public Result grant(OfficerService.SignedIn granter, long caseId, long granteeId) {
        return database.write(h -> {
            Optional<SealedKeys> keys = sealedKeys(h, caseId, granter.id());
            if (keys.isEmpty()) {
                return Result.CASE_NOT_FOUND;
            }
            Optional<byte[]> grantee = grantablePublicKey(h, caseId, granteeId);
            if (grantee.isEmpty()) {
                return Result.NOT_POSSIBLE;
            }
            try {
                reseal(h, granter, keys.get(), granteeId, grantee.get());
            } catch (DecryptionException e) {
                throw new IllegalStateException("the granter's case key did not open", e);
            }
            audit.record(h, granter.username(), AuditLog.CASE_GRANT, Optional.of(caseId),
                    Optional.of(username(h, granteeId)));
            return Result.DONE;
        });
    }

    /**
     * Excludes {@code officerId} from the case: deletes their sealed keys if they have any and
     * records the exclusion, so that no grant, explicit or pending, seals the case to them later.
     * The officer must be active and may or may not hold the case yet. The administrator must
     * hold the case, so at least one holder remains.
     */
    public Result exclude(OfficerService.SignedIn administrator, long caseId, long officerId) {
        if (!administrator.isAdministrator()) {
            throw new IllegalArgumentException("only administrators exclude officers");
        }
        return database.write(h -> {
            if (sealedKeys(h, caseId, administrator.id()).isEmpty()) {
                return Result.CASE_NOT_FOUND;
            }
            Optional<String> username = h.createQuery("SELECT username FROM officer WHERE id = :id AND active = 1")
                    .bind("id", officerId).mapTo(String.class).findOne();
            boolean excludedAlready = h.createQuery("""
                            SELECT COUNT(*) FROM case_exclusion WHERE case_id = :caseId AND officer_id = :officerId""")
                    .bind("caseId", caseId).bind("officerId", officerId).mapTo(Integer.class).one() > 0;
            if (officerId == administrator.id() || username.isEmpty() || excludedAlready) {
                return Result.NOT_POSSIBLE;
            }
            h.createUpdate("DELETE FROM case_key WHERE case_id = :caseId AND officer_id = :officerId")
                    .bind("caseId", caseId).bind("officerId", officerId).execute();
            h.createUpdate("INSERT INTO case_exclusion (case_id, officer_id) VALUES (:caseId, :officerId)")
                    .bind("caseId", caseId).bind("officerId", officerId).execute();
            audit.record(h, administrator.username(), AuditLog.CASE_EXCLUDE, Optional.of(caseId), username);
            return Result.DONE;
        });
    }

    /**
     * Result of one run of the pending grants.
     *
     * @param sealedKeys how many case keys were sealed, one per case and grantee
     * @param cases      how many different cases were opened to at least one grantee
     * @param grantees   the usernames of the officers who received at least one case, sorted
     */
    public record PendingGrantRun(int sealedKeys, int cases, List<String> grantees) {

        public PendingGrantRun {
            grantees = List.copyOf(grantees);
        }
    }

    /**
     * Runs the pending grants that {@code granter} can serve, in one write transaction: every
     * officer in {@code pending_grant} receives each case that the granter has and they do not
     * have and are not excluded from. One {@link AuditLog#CASE_GRANT} entry is written per case
     * and grantee, in the granter's name. A grantee's pending grant is removed once they hold
     * every case that any active officer holds, apart from their exclusions.
     */
    public PendingGrantRun runPendingGrants(OfficerService.SignedIn granter) {
        return database.write(h -> {
            List<Long> grantees = h.createQuery("""
                            SELECT p.officer_id FROM pending_grant p JOIN officer o ON o.id = p.officer_id
                            WHERE o.active = 1 AND p.officer_id <> :granter ORDER BY p.officer_id""")
                    .bind("granter", granter.id())
                    .mapTo(Long.class)
                    .list();
            int sealed = 0;
            Set<Long> openedCases = new HashSet<>();
            SortedSet<String> receivers = new TreeSet<>();
            for (long grantee : grantees) {
                byte[] publicKey = h.createQuery("SELECT public_key FROM officer WHERE id = :id")
                        .bind("id", grantee).mapTo(byte[].class).one();
                String granteeName = username(h, grantee);
                List<SealedKeys> missing = h.createQuery("""
                                SELECT k.case_id, k.sealed_private_key, k.sealed_internal_private_key FROM case_key k
                                WHERE k.officer_id = :granter
                                  AND NOT EXISTS (SELECT 1 FROM case_key g WHERE g.case_id = k.case_id AND g.officer_id = :grantee)
                                  AND NOT EXISTS (SELECT 1 FROM case_exclusion e WHERE e.case_id = k.case_id AND e.officer_id = :grantee)
                                ORDER BY k.case_id""")
                        .bind("granter", granter.id())
                        .bind("grantee", grantee)
                        .map((rs, ctx) -> new SealedKeys(rs.getLong(1), rs.getBytes(2), rs.getBytes(3)))
                        .list();
                for (SealedKeys keys : missing) {
                    try {
                        reseal(h, granter, keys, grantee, publicKey);
                        audit.record(h, granter.username(), AuditLog.CASE_GRANT, Optional.of(keys.caseId()),
                                Optional.of(granteeName));
                        sealed++;
                        openedCases.add(keys.caseId());
                        receivers.add(granteeName);
                    } catch (DecryptionException e) {
                        LOG.log(Level.WARNING, "A case key sealed to the granting officer did not open; the case was skipped");
                    }
                }
                if (stillMissing(h, grantee) == 0) {
                    h.createUpdate("DELETE FROM pending_grant WHERE officer_id = :id").bind("id", grantee).execute();
                }
            }
            return new PendingGrantRun(sealed, openedCases.size(), List.copyOf(receivers));
        });
    }

    /** Puts a newly activated officer on the list of pending grants, inside the caller's transaction. */
    public static void addPendingGrant(Handle h, long officerId, long now) {
        h.createUpdate("INSERT OR IGNORE INTO pending_grant (officer_id, created_at) VALUES (:id, :now)")
                .bind("id", officerId)
                .bind("now", now)
                .execute();
    }

    /** Counts the cases held by an active officer that the grantee lacks, apart from exclusions. */
    private static int stillMissing(Handle h, long grantee) {
        return h.createQuery("""
                        SELECT COUNT(DISTINCT k.case_id) FROM case_key k JOIN officer o ON o.id = k.officer_id AND o.active = 1
                        WHERE NOT EXISTS (SELECT 1 FROM case_key g WHERE g.case_id = k.case_id AND g.officer_id = :grantee)
                          AND NOT EXISTS (SELECT 1 FROM case_exclusion e WHERE e.case_id = k.case_id AND e.officer_id = :grantee)""")
                .bind("grantee", grantee)
                .mapTo(Integer.class)
                .one();
    }

    private static String username(Handle h, long officerId) {
        return h.createQuery("SELECT username FROM officer WHERE id = :id")
                .bind("id", officerId).mapTo(String.class).one();
    }

    private record SealedKeys(long caseId, byte[] sealedPrivateKey, byte[] sealedInternalKey) {
    }

    private static Optional<SealedKeys> sealedKeys(Handle h, long caseId, long officerId) {
        return h.createQuery("""
                        SELECT case_id, sealed_private_key, sealed_internal_private_key FROM case_key
                        WHERE case_id = :caseId AND officer_id = :officerId""")
                .bind("caseId", caseId)
                .bind("officerId", officerId)
                .map((rs, ctx) -> new SealedKeys(rs.getLong(1), rs.getBytes(2), rs.getBytes(3)))
                .findOne();
    }

    /** Returns the public key of an active officer who neither holds nor is excluded from the case. */
    private static Optional<byte[]> grantablePublicKey(Handle h, long caseId, long officerId) {
        return h.createQuery("""
                        SELECT o.public_key FROM officer o
                        WHERE o.id = :officerId AND o.active = 1
                          AND NOT EXISTS (SELECT 1 FROM case_key k WHERE k.case_id = :caseId AND k.officer_id = o.id)
                          AND NOT EXISTS (SELECT 1 FROM case_exclusion e WHERE e.case_id = :caseId AND e.officer_id = o.id)""")
                .bind("caseId", caseId)
                .bind("officerId", officerId)
                .mapTo(byte[].class)
                .findOne();
    }

    private static void reseal(Handle h, OfficerService.SignedIn granter, SealedKeys keys, long granteeId,
                               byte[] granteePublicKey) throws DecryptionException {
        try (SecretBytes casePrivate = SealedBox.open(granter.keys(), keys.sealedPrivateKey());
             SecretBytes internalPrivate = SealedBox.open(granter.keys(), keys.sealedInternalKey())) {
            h.createUpdate("""
                            INSERT INTO case_key (case_id, officer_id, sealed_private_key, sealed_internal_private_key)
                            VALUES (:caseId, :officerId, :sealed, :internal)""")
                    .bind("caseId", keys.caseId())
                    .bind("officerId", granteeId)
                    .bind("sealed", SealedBox.seal(granteePublicKey, casePrivate.bytes()))
                    .bind("internal", SealedBox.seal(granteePublicKey, internalPrivate.bytes()))
                    .execute();
        }
    }

    private static List<Member> members(Handle h, String sql, long caseId) {
        return h.createQuery(sql)
                .bind("caseId", caseId)
                .map((rs, ctx) -> new Member(rs.getLong(1), rs.getString(2), Role.fromId(rs.getString(3))))
                .list();
    }
}
