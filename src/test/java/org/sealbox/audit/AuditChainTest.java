package org.sealbox.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditChainTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Instant START = Instant.ofEpochSecond(1_700_000_000L, 5_000_000);
    private static final String REFERENCE = "K7MR-4QXC-9TFA-2HWD";

    /** The documented encoding, byte for byte: tag, sequence, seconds, nanoseconds, fields, previous hash. */
    @Test
    void encodingMatchesDocumentation() {
        String expected = "00000010" + "7365616c626f782d61756469742d7631" // "sealbox-audit-v1"
                + "0000000000000001" // sequence 1
                + "000000006553f100" + "004c4b40" // 1,700,000,000 s and 5,000,000 ns
                + "00000004" + "616e6e61" // "anna"
                + "0000000b" + "636173652e6f70656e6564" // "case.opened"
                + "01" + "00000013" + "4b374d522d345158432d395446412d32485744" // the reference
                + "00000020" + "00".repeat(32); // previous hash of the first entry

        byte[] encoded = AuditChain.encode(1, START, "anna", "case.opened", Optional.of(REFERENCE),
                AuditChain.genesisHash());

        assertEquals(expected, HEX.formatHex(encoded));
    }

    /** Expected hashes computed from the bytes above with Python's hashlib.sha256, not with this code. */
    @Test
    void hashMatchesIndependentSha256() {
        AuditEntry withCase = AuditChain.append(Optional.empty(), START, "anna", "case.opened", Optional.of(REFERENCE));
        AuditEntry withoutCase = AuditChain.append(Optional.empty(), START, "anna", "case.opened", Optional.empty());

        assertEquals("2015ceebc1413d4f5aeb29d31d159abec4e50fbffc8dca55f847f9b92b48ff1c", HEX.formatHex(withCase.hash()));
        assertEquals("26ea4a1ab7705588118b480c649dbf4aad83fedb9094628439f0e2b8d8395045",
                HEX.formatHex(withoutCase.hash()));
    }

    @Test
    void appendLinksEntries() {
        List<AuditEntry> chain = chain(3);

        assertEquals(1, chain.get(0).sequence());
        assertArrayEquals(new byte[32], chain.get(0).previousHash());
        assertEquals(2, chain.get(1).sequence());
        assertArrayEquals(chain.get(0).hash(), chain.get(1).previousHash());
        assertEquals(3, chain.get(2).sequence());
        assertArrayEquals(chain.get(1).hash(), chain.get(2).previousHash());
    }

    @Test
    void appendTruncatesToMilliseconds() {
        AuditEntry entry = AuditChain.append(Optional.empty(), Instant.parse("2025-01-31T13:00:00.123456789Z"),
                "anna", "officer.signed-in", Optional.empty());

        assertEquals(Instant.parse("2025-01-31T13:00:00.123Z"), entry.at());
        assertTrue(AuditChain.verify(List.of(entry)).intact());
    }

    @Test
    void intactChainVerifies() {
        List<AuditEntry> chain = chain(5);

        AuditChain.Verification result = AuditChain.verify(chain);

        assertTrue(result.intact(), result.toString());
        assertEquals(5, result.lastSequence());
        assertArrayEquals(chain.get(4).hash(), result.lastHash());
    }

    @Test
    void emptyChainIsIntact() {
        AuditChain.Verification result = AuditChain.verify(List.of());

        assertTrue(result.intact());
        assertEquals(0, result.lastSequence());
        assertArrayEquals(new byte[32], result.lastHash());
    }

    @Test
    void editedRowDetected() {
        List<AuditEntry> chain = chain(5);
        AuditEntry original = chain.get(2);
        chain.set(2, new AuditEntry(original.sequence(), original.at(), "mallory", original.action(),
                original.caseReference(), original.previousHash(), original.hash()));

        AuditChain.Verification result = AuditChain.verify(chain);

        assertEquals(Optional.of(new AuditChain.Break(3, AuditChain.Problem.HASH)), result.firstBreak());
        assertEquals(2, result.lastSequence());
        assertArrayEquals(chain.get(1).hash(), result.lastHash());
    }

    @Test
    void editedTimeDetected() {
        List<AuditEntry> chain = chain(5);
        AuditEntry original = chain.get(3);
        chain.set(3, new AuditEntry(original.sequence(), original.at().minus(Duration.ofDays(1)), original.officer(),
                original.action(), original.caseReference(), original.previousHash(), original.hash()));

        assertEquals(Optional.of(new AuditChain.Break(4, AuditChain.Problem.HASH)),
                AuditChain.verify(chain).firstBreak());
    }

    @Test
    void removedCaseReferenceDetected() {
        List<AuditEntry> chain = chain(5);
        AuditEntry original = chain.get(2);
        chain.set(2, new AuditEntry(original.sequence(), original.at(), original.officer(), original.action(),
                Optional.empty(), original.previousHash(), original.hash()));

        assertTrue(original.caseReference().isPresent());
        assertEquals(Optional.of(new AuditChain.Break(3, AuditChain.Problem.HASH)),
                AuditChain.verify(chain).firstBreak());
    }

    @Test
    void changedHashDetected() {
        List<AuditEntry> chain = chain(5);
        AuditEntry original = chain.get(2);
        byte[] hash = original.hash();
        hash[0] ^= 1;
        chain.set(2, new AuditEntry(original.sequence(), original.at(), original.officer(), original.action(),
                original.caseReference(), original.previousHash(), hash));

        assertEquals(Optional.of(new AuditChain.Break(3, AuditChain.Problem.HASH)),
                AuditChain.verify(chain).firstBreak());
    }

    /** An edit whose hash was recomputed passes its own check but breaks the link to the next entry. */
    @Test
    void rehashedEditBreaksNextLink() {
        List<AuditEntry> chain = chain(5);
        AuditEntry original = chain.get(2);
        byte[] forged = AuditChain.hash(original.sequence(), original.at(), "mallory", original.action(),
                original.caseReference(), original.previousHash());
        chain.set(2, new AuditEntry(original.sequence(), original.at(), "mallory", original.action(),
                original.caseReference(), original.previousHash(), forged));

        assertEquals(Optional.of(new AuditChain.Break(4, AuditChain.Problem.PREVIOUS_HASH)),
                AuditChain.verify(chain).firstBreak());
    }

    @Test
    void deletedRowDetected() {
        List<AuditEntry> chain = chain(5);
        chain.remove(2);

        AuditChain.Verification result = AuditChain.verify(chain);

        assertEquals(Optional.of(new AuditChain.Break(3, AuditChain.Problem.SEQUENCE)), result.firstBreak());
        assertEquals(2, result.lastSequence());
    }

    /** Deleting entry 3 and renumbering the rest does not help: entry 4, now numbered 3, links to entry 3. */
    @Test
    void deletedAndRenumberedDetected() {
        List<AuditEntry> chain = chain(5);
        chain.remove(2);
        AuditEntry moved = chain.get(2);
        chain.set(2, new AuditEntry(3, moved.at(), moved.officer(), moved.action(), moved.caseReference(),
                moved.previousHash(), moved.hash()));

        assertEquals(Optional.of(new AuditChain.Break(3, AuditChain.Problem.PREVIOUS_HASH)),
                AuditChain.verify(chain).firstBreak());
    }

    @Test
    void swappedPairDetected() {
        List<AuditEntry> chain = chain(5);
        AuditEntry third = chain.get(2);
        chain.set(2, chain.get(3));
        chain.set(3, third);

        assertEquals(Optional.of(new AuditChain.Break(3, AuditChain.Problem.SEQUENCE)),
                AuditChain.verify(chain).firstBreak());
    }

    @Test
    void firstEntryMustStartChain() {
        List<AuditEntry> chain = chain(3);

        assertEquals(Optional.of(new AuditChain.Break(1, AuditChain.Problem.SEQUENCE)),
                AuditChain.verify(chain.subList(1, 3)).firstBreak());
    }

    /**
     * A chain with its last entries deleted is still a valid chain, so only the reported last
     * sequence and hash, compared with an anchor kept elsewhere, reveal the truncation.
     */
    @Test
    void truncatedTailNeedsAnchor() {
        List<AuditEntry> chain = chain(5);
        AuditEntry anchor = chain.get(4);

        AuditChain.Verification result = AuditChain.verify(chain.subList(0, 3));

        assertTrue(result.intact());
        assertEquals(3, result.lastSequence());
        assertNotEquals(anchor.sequence(), result.lastSequence());
        assertFalse(Arrays.equals(anchor.hash(), result.lastHash()));
    }

    @Test
    void verifyFromTrustedAnchor() {
        List<AuditEntry> chain = chain(5);
        AuditEntry trusted = chain.get(1);

        AuditChain.Verification result = AuditChain.verify(chain.subList(2, 5), 3, trusted.hash());
        AuditChain.Verification wrongAnchor = AuditChain.verify(chain.subList(2, 5), 3, chain.get(0).hash());

        assertTrue(result.intact());
        assertEquals(5, result.lastSequence());
        assertEquals(Optional.of(new AuditChain.Break(3, AuditChain.Problem.PREVIOUS_HASH)), wrongAnchor.firstBreak());
    }

    /** The entry has no component for free text, only ids, a time and hashes. */
    @Test
    void entryHoldsOnlyIdentifiers() {
        List<String> components = Arrays.stream(AuditEntry.class.getRecordComponents())
                .map(component -> component.getName())
                .toList();

        assertEquals(List.of("sequence", "at", "officer", "action", "caseReference", "subject", "previousHash", "hash"),
                components);
    }

    /** A subject adds a tagged field after the previous hash and leaves the bytes before it as they were. */
    @Test
    void subjectEncodingMatchesDocumentation() {
        String expected = "00000010" + "7365616c626f782d61756469742d7631" // "sealbox-audit-v1"
                + "0000000000000001" // sequence 1
                + "000000006553f100" + "004c4b40" // 1,700,000,000 s and 5,000,000 ns
                + "00000004" + "616e6e61" // "anna"
                + "0000000a" + "636173652e6772616e74" // "case.grant"
                + "01" + "00000013" + "4b374d522d345158432d395446412d32485744" // the reference
                + "00000020" + "00".repeat(32) // previous hash of the first entry
                + "00000007" + "7375626a656374" // field tag "subject"
                + "00000003" + "626f62"; // "bob"

        byte[] encoded = AuditChain.encode(1, START, "anna", "case.grant", Optional.of(REFERENCE), Optional.of("bob"),
                AuditChain.genesisHash());

        assertEquals(expected, HEX.formatHex(encoded));
    }

    /** Expected hash computed from the bytes above with Python's hashlib.sha256, not with this code. */
    @Test
    void subjectHashMatchesIndependentSha256() {
        AuditEntry entry = AuditChain.append(Optional.empty(), START, "anna", "case.grant", Optional.of(REFERENCE),
                Optional.of("bob"));

        assertEquals("fefc42dd9a25c37aee9be8913c6f253867e4c86694e0997d50272f7d0f0e1b5b", HEX.formatHex(entry.hash()));
        assertEquals(Optional.of("bob"), entry.subject());
    }

    @Test
    void absentSubjectKeepsOldEncoding() {
        byte[] withoutArgument = AuditChain.encode(1, START, "anna", "case.opened", Optional.of(REFERENCE),
                AuditChain.genesisHash());
        byte[] emptySubject = AuditChain.encode(1, START, "anna", "case.opened", Optional.of(REFERENCE),
                Optional.empty(), AuditChain.genesisHash());
        AuditEntry entry = AuditChain.append(Optional.empty(), START, "anna", "case.opened", Optional.of(REFERENCE),
                Optional.empty());

        assertArrayEquals(withoutArgument, emptySubject);
        assertEquals("2015ceebc1413d4f5aeb29d31d159abec4e50fbffc8dca55f847f9b92b48ff1c", HEX.formatHex(entry.hash()));
    }

    @Test
    void editedSubjectDetected() {
        List<AuditEntry> chain = chainWithSubjects(4);
        AuditEntry original = chain.get(1);
        chain.set(1, withSubject(original, Optional.of("mallory")));

        assertEquals(Optional.of(new AuditChain.Break(2, AuditChain.Problem.HASH)), AuditChain.verify(chain).firstBreak());
    }

    @Test
    void removedSubjectDetected() {
        List<AuditEntry> chain = chainWithSubjects(4);
        chain.set(1, withSubject(chain.get(1), Optional.empty()));

        assertEquals(Optional.of(new AuditChain.Break(2, AuditChain.Problem.HASH)), AuditChain.verify(chain).firstBreak());
    }

    @Test
    void addedSubjectDetected() {
        List<AuditEntry> chain = chain(4);
        chain.set(2, withSubject(chain.get(2), Optional.of("bob")));

        assertEquals(Optional.of(new AuditChain.Break(3, AuditChain.Problem.HASH)), AuditChain.verify(chain).firstBreak());
    }

    @Test
    void chainWithSubjectsVerifies() {
        assertTrue(AuditChain.verify(chainWithSubjects(4)).intact());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bob Smith", "-bob", "bob\n"})
    void freeTextSubjectRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditChain.append(Optional.empty(), START, "anna", "case.grant", Optional.empty(), Optional.of(text)));

        assertTrue(e.getMessage().startsWith("Invalid audit subject"), e.getMessage());
    }

    /** A stored subject with free text fails verification even when its hash was recomputed. */
    @Test
    void storedFreeTextSubjectDetected() {
        List<AuditEntry> chain = chainWithSubjects(2);
        AuditEntry original = chain.get(1);
        Optional<String> text = Optional.of("Jane Doe");
        byte[] rehashed = AuditChain.hash(2, original.at(), original.officer(), original.action(),
                original.caseReference(), text, original.previousHash());
        chain.set(1, new AuditEntry(2, original.at(), original.officer(), original.action(), original.caseReference(),
                text, original.previousHash(), rehashed));

        assertEquals(Optional.of(new AuditChain.Break(2, AuditChain.Problem.INVALID_FIELD)),
                AuditChain.verify(chain).firstBreak());
    }

    private static AuditEntry withSubject(AuditEntry original, Optional<String> subject) {
        return new AuditEntry(original.sequence(), original.at(), original.officer(), original.action(),
                original.caseReference(), subject, original.previousHash(), original.hash());
    }

    /** Returns a chain whose odd entries name a subject and whose even entries do not. */
    private static List<AuditEntry> chainWithSubjects(int length) {
        List<AuditEntry> entries = new ArrayList<>();
        Optional<AuditEntry> last = Optional.empty();
        for (int i = 0; i < length; i++) {
            Optional<String> subject = i % 2 == 1 ? Optional.of("grantee-" + i) : Optional.empty();
            AuditEntry entry = AuditChain.append(last, START.plusSeconds(60L * i), "officer-" + i, "case.grant",
                    Optional.of(REFERENCE), subject);
            entries.add(entry);
            last = Optional.of(entry);
        }
        return entries;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "customer data of Jane Doe", "case.note:leaked", "-starts-with-dash", "x\ny"})
    void freeTextCaseReferenceRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditChain.append(Optional.empty(), START, "anna", "case.opened", Optional.of(text)));

        assertTrue(e.getMessage().startsWith("Invalid audit caseReference"), e.getMessage());
    }

    @Test
    void freeTextFieldsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> AuditChain.append(Optional.empty(), START, "anna", "Opened the case of Jane Doe", Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> AuditChain.append(Optional.empty(), START, "Anna Schmidt", "case.opened", Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> AuditChain.append(Optional.empty(), START, "anna", "a".repeat(65), Optional.empty()));
    }

    /** The rejected value may be case content, so the message must not repeat it. */
    @Test
    void rejectionMessageOmitsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditChain.append(Optional.empty(), START, "anna", "leaked salary list", Optional.empty()));

        assertFalse(e.getMessage().contains("salary"), e.getMessage());
        assertTrue(e.getMessage().contains("18 characters"), e.getMessage());
    }

    /** An entry loaded from edited storage with free text in it fails verification. */
    @Test
    void storedFreeTextDetected() {
        List<AuditEntry> chain = chain(2);
        AuditEntry original = chain.get(1);
        byte[] rehashed = AuditChain.hash(2, original.at(), original.officer(), "note about Jane Doe",
                original.caseReference(), original.previousHash());
        chain.set(1, new AuditEntry(2, original.at(), original.officer(), "note about Jane Doe",
                original.caseReference(), original.previousHash(), rehashed));

        assertEquals(Optional.of(new AuditChain.Break(2, AuditChain.Problem.INVALID_FIELD)),
                AuditChain.verify(chain).firstBreak());
    }

    @Test
    void entryCopiesArrays() {
        AuditEntry entry = chain(1).get(0);
        byte[] hash = entry.hash();
        hash[0] ^= 1;

        assertFalse(Arrays.equals(hash, entry.hash()));
        assertEquals(entry, new AuditEntry(entry.sequence(), entry.at(), entry.officer(), entry.action(),
                entry.caseReference(), entry.previousHash(), entry.hash()));
    }

    private static List<AuditEntry> chain(int length) {
        List<AuditEntry> entries = new ArrayList<>();
        Optional<AuditEntry> last = Optional.empty();
        for (int i = 0; i < length; i++) {
            Optional<String> reference = i % 2 == 0 ? Optional.of(REFERENCE) : Optional.empty();
            AuditEntry entry = AuditChain.append(last, START.plusSeconds(60L * i), "officer-" + i,
                    "case.step-" + i, reference);
            entries.add(entry);
            last = Optional.of(entry);
        }
        return entries;
    }
}
