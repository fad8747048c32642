package org.sealbox.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonWriter;
import org.jdbi.v3.core.Handle;

import org.sealbox.crypto.BoxKeyPair;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.Envelope;
import org.sealbox.crypto.SealedBox;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.crypto.Sodium;
import org.sealbox.officer.OfficerService;
import org.sealbox.storage.Database;

/**
 * Officer-only records of a case in table {@code internal_record}: notes, risk assessments,
 * breach register entries and the authority decision's details. Each record is a JSON document
 * sealed as an {@link Envelope} to the case's internal public key, with the associated data
 * {@code case/<reference>/internal/<public id>}, so a record copied to another row or case does
 * not open.
 *
 * <p>The internal private key is sealed to each officer in {@code case_key.sealed_internal_private_key}.
 * The reporter's postbox holds only the case key pair, which cannot open these envelopes.
 * Records are never changed: a new assessment or register entry is a new row, and readers take
 * the newest. Thread-safe.
 */
public final class InternalRecords {

    /** Kinds of records; each names the JSON layout inside. */
    public static final String NOTE = "note";
    public static final String RISK = "risk";
    public static final String REGISTER = "register";
    /** Written by the case workflow: the reason of the authority decision and the authority's reference. */
    public static final String AUTHORITY_DECISION = "authority-decision";

    private static final int PUBLIC_ID_BYTES = 16;

    private final Database database;
    private final Clock clock;

    /**
     * A decrypted record.
     *
     * @param publicId  random id, part of the associated data
     * @param kind      what the JSON contains
     * @param author    username of the officer who wrote it; empty once that account is deleted
     * @param createdAt when it was stored
     * @param body      the decrypted JSON document
     */
    public record Entry(String publicId, String kind, Optional<String> author, Instant createdAt, JsonObject body) {
        @Override
        public String toString() {
            return "Entry[" + kind + ", " + publicId + ", REDACTED]";
        }
    }

    public InternalRecords(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Seals {@code body} to the case's internal key in its own write transaction; returns the public id. */
    public String seal(long caseId, String kind, long officerId, JsonObject body) {
        return database.write(h -> seal(h, caseId, kind, officerId, body));
    }

    /**
     * Seals {@code body} to the case's internal key inside the caller's write transaction, so
     * that the record commits together with, for example, its audit entry. Returns the public id.
     *
     * @throws IllegalArgumentException when the case does not exist
     */
    public String seal(Handle h, long caseId, String kind, long officerId, JsonObject body) {
        CaseKeys keys = h.createQuery("SELECT reference, internal_public_key FROM report_case WHERE id = :id")
                .bind("id", caseId)
                .map((rs, ctx) -> new CaseKeys(rs.getString(1), rs.getBytes(2)))
                .findOne()
                .orElseThrow(() -> new IllegalArgumentException("no case with id " + caseId));
        String publicId = HexFormat.of().formatHex(Sodium.get().randomBytes(PUBLIC_ID_BYTES));
        byte[] json = toBytes(body);
        byte[] envelope = Envelope.seal(keys.internalPublicKey(), json, associatedData(keys.reference(), publicId));
        java.util.Arrays.fill(json, (byte) 0);
        h.createUpdate("""
                        INSERT INTO internal_record (public_id, case_id, kind, officer_id, created_at, body)
                        VALUES (:publicId, :caseId, :kind, :officerId, :createdAt, :body)""")
                .bind("publicId", publicId)
                .bind("caseId", caseId)
                .bind("kind", kind)
                .bind("officerId", officerId)
                .bind("createdAt", clock.instant().getEpochSecond())
                .bind("body", envelope)
                .execute();
        return publicId;
    }

    /**
     * Decrypts the case's records of one kind for the officer, oldest first.
     *
     * @throws NoKeyException      when the officer has no key for the case
     * @throws DecryptionException when a key or record does not open, i.e. was changed on disk
     */
    public List<Entry> read(OfficerService.SignedIn officer, long caseId, String kind)
            throws DecryptionException, NoKeyException {
        return read(officer, caseId, Set.of(kind)).getOrDefault(kind, List.of());
    }

    /**
     * Decrypts the case's records of several kinds with one unsealing of the internal key.
     * Returns them by kind, oldest first; a kind without records is absent from the map.
     *
     * @throws NoKeyException      when the officer has no key for the case
     * @throws DecryptionException when a key or record does not open
     */
    public Map<String, List<Entry>> read(OfficerService.SignedIn officer, long caseId, Set<String> kinds)
            throws DecryptionException, NoKeyException {
        Optional<Sealed> sealed = database.read(h -> h.createQuery("""
                        SELECT c.reference, k.sealed_internal_private_key
                        FROM report_case c JOIN case_key k ON k.case_id = c.id
                        WHERE c.id = :caseId AND k.officer_id = :officerId""")
                .bind("caseId", caseId)
                .bind("officerId", officer.id())
                .map((rs, ctx) -> new Sealed(rs.getString(1), rs.getBytes(2)))
                .findOne());
        if (sealed.isEmpty()) {
            throw new NoKeyException();
        }
        List<Row> rows = database.read(h -> h.createQuery("""
                        SELECT r.public_id, r.kind, o.username, r.created_at, r.body
                        FROM internal_record r LEFT JOIN officer o ON o.id = r.officer_id
                        WHERE r.case_id = :caseId AND r.kind IN (<kinds>)
                        ORDER BY r.id""")
                .bind("caseId", caseId)
                .bindList("kinds", List.copyOf(kinds))
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)),
                        Instant.ofEpochSecond(rs.getLong(4)), rs.getBytes(5)))
                .list());
        Map<String, List<Entry>> byKind = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return byKind;
        }
        SecretBytes internalPrivateKey = SealedBox.open(officer.keys(), sealed.get().sealedInternalPrivateKey());
        try (BoxKeyPair internalKeys = BoxKeyPair.fromPrivateKey(internalPrivateKey)) {
            for (Row row : rows) {
                byte[] json = Envelope.open(internalKeys, row.body(), associatedData(sealed.get().reference(), row.publicId()));
                Entry entry = new Entry(row.publicId(), row.kind(), row.author(), row.createdAt(), fromBytes(json));
                java.util.Arrays.fill(json, (byte) 0);
                byKind.computeIfAbsent(row.kind(), kind -> new ArrayList<>()).add(entry);
            }
        }
        return byKind;
    }

    /** Returns the public id of the case's newest record of {@code kind}, which needs no decryption. */
    public Optional<String> latestPublicId(long caseId, String kind) {
        return database.read(h -> latestPublicId(h, caseId, kind));
    }

    /** As {@link #latestPublicId(long, String)}, inside the caller's transaction. */
    public Optional<String> latestPublicId(Handle h, long caseId, String kind) {
        return h.createQuery("SELECT public_id FROM internal_record WHERE case_id = :caseId AND kind = :kind ORDER BY id DESC LIMIT 1")
                .bind("caseId", caseId)
                .bind("kind", kind)
                .mapTo(String.class)
                .findOne();
    }

    /** Returns the associated data that binds a record's envelope to its case and row. */
    public static String associatedData(String reference, String publicId) {
        return "case/" + reference + "/internal/" + publicId;
    }

    /** The officer has no sealed copy of the case keys (never had one, or was excluded). */
    public static final class NoKeyException extends Exception {
        public NoKeyException() {
            super("the officer holds no key for this case");
        }
    }

    private static byte[] toBytes(JsonObject body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWriter writer = Json.createWriter(out)) {
            writer.writeObject(body);
        }
        return out.toByteArray();
    }

    private static JsonObject fromBytes(byte[] json) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
            return reader.readObject();
        }
    }

    private record CaseKeys(String reference, byte[] internalPublicKey) {
    }

    private record Sealed(String reference, byte[] sealedInternalPrivateKey) {
    }

    private record Row(String publicId, String kind, Optional<String> author, Instant createdAt, byte[] body) {
    }
}
