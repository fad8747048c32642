package org.sealbox.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.crypto.BoxKeyPair;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.Envelope;
import org.sealbox.crypto.SealedBox;
import org.sealbox.crypto.Sodium;
import org.sealbox.officer.OfficerService;
import org.sealbox.officer.Role;
import org.sealbox.storage.Database;
import org.sealbox.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Internal records against a real database: they open with the internal key that is sealed to
 * the officer, never with the case key that the reporter's postbox holds, and only in their own row.
 */
class InternalRecordsTest {

    private static final String REFERENCE = "TEST-REF-0001";

    @TempDir
    Path dataDir;

    private Database database;
    private InternalRecords records;
    private BoxKeyPair officerKeys;
    private BoxKeyPair caseKeys;
    private BoxKeyPair internalKeys;
    private long officerId;
    private long caseId;

    @BeforeEach
    void createCase() throws Exception {
        Sodium.useNativeDirectory(dataDir);
        database = Database.open(dataDir);
        records = new InternalRecords(database, new MutableClock(Instant.parse("2025-03-28T13:00:00Z")));
        officerKeys = BoxKeyPair.generate();
        caseKeys = BoxKeyPair.generate();
        internalKeys = BoxKeyPair.generate();
        officerId = database.write(h -> h.createUpdate("""
                        INSERT INTO officer (username, role, public_key, key_salt, key_ops, key_memory, wrapped_private_key, created_at)
                        VALUES ('olivia', 'officer', :publicKey, x'00', 1, 8, x'00', 0)""")
                .bind("publicKey", officerKeys.publicKey())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        caseId = database.write(h -> h.createUpdate("""
                        INSERT INTO report_case (reference, kind, status, received_hour, public_key, internal_public_key, content)
                        VALUES (:reference, 'breach', 'new', 0, :publicKey, :internalPublicKey, x'00')""")
                .bind("reference", REFERENCE)
                .bind("publicKey", caseKeys.publicKey())
                .bind("internalPublicKey", internalKeys.publicKey())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        database.write(h -> h.createUpdate("""
                        INSERT INTO case_key (case_id, officer_id, sealed_private_key, sealed_internal_private_key)
                        VALUES (:caseId, :officerId, :sealed, :sealedInternal)""")
                .bind("caseId", caseId)
                .bind("officerId", officerId)
                .bind("sealed", SealedBox.seal(officerKeys.publicKey(), caseKeys.privateKey().bytes()))
                .bind("sealedInternal", SealedBox.seal(officerKeys.publicKey(), internalKeys.privateKey().bytes()))
                .execute());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void officerReadsSealedNote() throws Exception {
        records.seal(caseId, InternalRecords.NOTE, officerId, Json.createObjectBuilder().add("text", "Call IT first.").build());

        List<InternalRecords.Entry> notes = records.read(signedIn(), caseId, InternalRecords.NOTE);

        assertEquals(1, notes.size(), "one note");
        assertEquals("Call IT first.", notes.getFirst().body().getString("text"));
        assertEquals("olivia", notes.getFirst().author().orElseThrow(), "author");
        assertEquals(Instant.parse("2025-03-28T13:00:00Z"), notes.getFirst().createdAt(), "time stored");
    }

    @Test
    void caseKeyCannotOpenRecord() {
        String publicId = records.seal(caseId, InternalRecords.RISK, officerId,
                Json.createObjectBuilder().add("text", "internal only").build());
        byte[] body = body(publicId);
        String associatedData = "case/" + REFERENCE + "/internal/" + publicId;

        assertThrows(DecryptionException.class, () -> Envelope.open(caseKeys, body, associatedData),
                "the reporter's postbox key (the case key) opens no internal record");
    }

    @Test
    void internalKeyOpensOnlyOwnRow() throws Exception {
        String first = records.seal(caseId, InternalRecords.NOTE, officerId, Json.createObjectBuilder().add("text", "one").build());
        String second = records.seal(caseId, InternalRecords.NOTE, officerId, Json.createObjectBuilder().add("text", "two").build());

        byte[] opened = Envelope.open(internalKeys, body(first), InternalRecords.associatedData(REFERENCE, first));
        assertArrayEquals("{\"text\":\"one\"}".getBytes(StandardCharsets.UTF_8), opened, "the record's own JSON");
        assertThrows(DecryptionException.class,
                () -> Envelope.open(internalKeys, body(first), InternalRecords.associatedData(REFERENCE, second)),
                "an envelope moved to another row does not open");
    }

    @Test
    void officerWithoutKeyRejected() {
        long otherId = database.write(h -> h.createUpdate("""
                        INSERT INTO officer (username, role, public_key, key_salt, key_ops, key_memory, wrapped_private_key, created_at)
                        VALUES ('oscar', 'officer', :publicKey, x'00', 1, 8, x'00', 0)""")
                .bind("publicKey", BoxKeyPair.generate().publicKey())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        OfficerService.SignedIn other = new OfficerService.SignedIn(otherId, "oscar", Role.OFFICER, BoxKeyPair.generate());

        assertThrows(InternalRecords.NoKeyException.class, () -> records.read(other, caseId, InternalRecords.NOTE));
    }

    @Test
    void latestPublicIdFollowsNewest() {
        assertTrue(records.latestPublicId(caseId, InternalRecords.REGISTER).isEmpty(), "none before the first");
        records.seal(caseId, InternalRecords.REGISTER, officerId, Json.createObjectBuilder().build());
        String newest = records.seal(caseId, InternalRecords.REGISTER, officerId, Json.createObjectBuilder().build());

        assertEquals(newest, records.latestPublicId(caseId, InternalRecords.REGISTER).orElseThrow());
    }

    private OfficerService.SignedIn signedIn() {
        return new OfficerService.SignedIn(officerId, "olivia", Role.OFFICER, officerKeys);
    }

    private byte[] body(String publicId) {
        return database.read(h -> h.createQuery("SELECT body FROM internal_record WHERE public_id = :id")
                .bind("id", publicId).mapTo(byte[].class).one());
    }
}
