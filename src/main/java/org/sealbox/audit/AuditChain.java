package org.sealbox.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds and checks the append-only hash chain of {@link AuditEntry} values. The class stores
 * nothing, so the caller keeps the entries, for example in a database table.
 *
 * <h2>Hash</h2>
 * Each entry's hash is SHA-256 over the following bytes. All integers are big-endian, and a
 * length-prefixed field is a 4-byte unsigned length n followed by n bytes.
 * <ol>
 *   <li>length-prefixed ASCII tag {@code sealbox-audit-v1} (00 00 00 10, then 16 bytes), which
 *       names this encoding so that a later version can change it;</li>
 *   <li>{@code sequence}: 8 bytes, two's complement;</li>
 *   <li>{@code at}: 8 bytes of seconds since 1970-01-01T00:00:00Z (two's complement), then 4 bytes
 *       of nanoseconds within that second (0 to 999,999,999);</li>
 *   <li>{@code officer}: length-prefixed UTF-8;</li>
 *   <li>{@code action}: length-prefixed UTF-8;</li>
 *   <li>{@code caseReference}: one byte 00 when empty; otherwise one byte 01 followed by the
 *       length-prefixed UTF-8 reference;</li>
 *   <li>{@code previousHash}: length-prefixed bytes (00 00 00 20, then 32 bytes);</li>
 *   <li>{@code subject}, only when present: the length-prefixed ASCII field tag {@code subject}
 *       (00 00 00 07, then 7 bytes), then the length-prefixed UTF-8 username. When the entry has
 *       no subject nothing is written here, so an entry without a subject encodes to the same
 *       bytes as before this field existed, and older chains still verify.</li>
 * </ol>
 * The length prefixes make the encoding unambiguous: no two different entries encode to the same
 * bytes. A subject only ever adds bytes after the previous hash, whose length is fixed, so an
 * entry with a subject cannot encode to the bytes of one without. SHA-256 is used rather than BLAKE2b so that an administrator can recompute a hash with
 * standard tools and without libsodium.
 *
 * <h2>What verification detects</h2>
 * {@link #verify(List)} finds an edited field, an edited hash, and a deleted, inserted or
 * reordered entry, as long as later entries were not rewritten. It cannot detect a truncated
 * tail: a chain whose last entries were deleted is still a valid chain. Anyone who can write the
 * storage can also rewrite every entry from some point on with recomputed hashes. Both are found
 * only by comparing with an anchor kept outside the storage, such as the last sequence number and
 * hash written down or exported at a known time. {@link Verification#lastSequence()} and
 * {@link Verification#lastHash()} return the values to compare.
 *
 * <p>Thread-safe: all methods are static and keep no state. Appends must still be serialised by
 * the caller. Read the last entry and store the new one in the same write transaction, otherwise
 * two appends can produce the same sequence number.
 */
public final class AuditChain {

    /** Length of a hash, in bytes. */
    public static final int HASH_BYTES = 32;

    /** Sequence number of the first entry. */
    public static final long FIRST_SEQUENCE = 1;

    /** Maximum identifier length, in characters. */
    public static final int MAX_IDENTIFIER_LENGTH = 64;

    private static final byte[] TAG = "sealbox-audit-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBJECT_TAG = "subject".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GENESIS_HASH = new byte[HASH_BYTES];

    /** Officer and case identifiers: login names, numeric ids and reference numbers. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Action names such as {@code case.status-changed}. */
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

    private AuditChain() {
    }

    /** Reason that verification stopped at an entry. */
    public enum Problem {
        /**
         * The entry at this position does not carry the expected sequence number, so an entry
         * was deleted, inserted or moved.
         */
        SEQUENCE,
        /** The entry's previous hash is not the hash of the entry before it. */
        PREVIOUS_HASH,
        /** The officer, action, case reference or subject is not an identifier that {@link #append} accepts. */
        INVALID_FIELD,
        /** The stored hash differs from the hash of the entry's fields, so a field or the hash was edited. */
        HASH
    }

    /**
     * The first point at which a list of entries stops being a valid chain.
     *
     * @param sequence the expected sequence number at that point. All entries before it form a
     *                 valid chain.
     * @param problem  which check failed
     */
    public record Break(long sequence, Problem problem) {
    }

    /**
     * The result of {@link #verify(List)}.
     *
     * @param firstBreak   where the chain breaks, or empty when every entry checks out
     * @param lastSequence sequence number of the last entry of the valid part, or the sequence
     *                     before the first one when no entry is valid
     * @param lastHash     hash of that last valid entry, or the starting previous hash
     */
    public record Verification(Optional<Break> firstBreak, long lastSequence, byte[] lastHash) {

        public Verification {
            Objects.requireNonNull(firstBreak, "firstBreak");
            lastHash = lastHash.clone();
        }

        /** Returns whether every entry checked out. */
        public boolean intact() {
            return firstBreak.isEmpty();
        }

        /** Returns a copy of the last valid hash. */
        @Override
        public byte[] lastHash() {
            return lastHash.clone();
        }

        /** Shows the break, the last sequence number and the last hash in hexadecimal. */
        @Override
        public String toString() {
            return "Verification[firstBreak=" + firstBreak.map(Break::toString).orElse("none") + ", lastSequence="
                    + lastSequence + ", lastHash=" + HexFormat.of().formatHex(lastHash) + "]";
        }
    }

    /** Returns the previous hash of the first entry: 32 zero bytes. */
    public static byte[] genesisHash() {
        return GENESIS_HASH.clone();
    }

    /**
     * Creates the entry that follows {@code last}, or the first entry when {@code last} is empty,
     * without a subject. See {@link #append(Optional, Instant, String, String, Optional, Optional)}.
     */
    public static AuditEntry append(Optional<AuditEntry> last, Instant at, String officer, String action,
                                    Optional<String> caseReference) {
        return append(last, at, officer, action, caseReference, Optional.empty());
    }

    /**
     * Creates the entry that follows {@code last}, or the first entry when {@code last} is empty.
     * {@code at} is truncated to milliseconds so that storage that keeps epoch milliseconds
     * returns the hashed value.
     *
     * @param officer       the acting officer's identifier, 1 to 64 characters of A-Z, a-z, 0-9,
     *                      {@code .}, {@code _} and {@code -}, starting with a letter or digit
     * @param action        the action name, 1 to 64 characters of a-z, 0-9, {@code .},
     *                      {@code _} and {@code -}, starting with a letter
     * @param caseReference the case's reference number, in the same format as {@code officer}
     * @param subject       the username of the officer the action affects, in the same format as
     *                      {@code officer}
     * @throws IllegalArgumentException if an identifier has another format, which keeps free text
     *                                  and with it case content out of the log
     */
    public static AuditEntry append(Optional<AuditEntry> last, Instant at, String officer, String action,
                                    Optional<String> caseReference, Optional<String> subject) {
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(caseReference, "caseReference");
        Objects.requireNonNull(subject, "subject");
        checkIdentifier("officer", officer, IDENTIFIER);
        checkIdentifier("action", action, ACTION);
        caseReference.ifPresent(reference -> checkIdentifier("caseReference", reference, IDENTIFIER));
        subject.ifPresent(username -> checkIdentifier("subject", username, IDENTIFIER));

        long sequence = last.map(entry -> Math.addExact(entry.sequence(), 1)).orElse(FIRST_SEQUENCE);
        byte[] previousHash = last.map(AuditEntry::hash).orElse(GENESIS_HASH);
        Instant truncated = at.truncatedTo(ChronoUnit.MILLIS);
        byte[] hash = hash(sequence, truncated, officer, action, caseReference, subject, previousHash);
        return new AuditEntry(sequence, truncated, officer, action, caseReference, subject, previousHash, hash);
    }

    /**
     * Checks a whole chain, which must start with the first entry. An empty list is intact.
     *
     * @param entries the entries in the order of their sequence numbers
     */
    public static Verification verify(List<AuditEntry> entries) {
        return verify(entries, FIRST_SEQUENCE, GENESIS_HASH);
    }

    /**
     * Checks a part of a chain that continues from a trusted entry, for example the entry whose
     * hash an administrator recorded.
     *
     * @param entries       the entries after the trusted one, in order
     * @param firstSequence the sequence number the first entry must have
     * @param previousHash  the hash of the trusted entry before the first one
     */
    public static Verification verify(List<AuditEntry> entries, long firstSequence, byte[] previousHash) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(previousHash, "previousHash");
        long expectedSequence = firstSequence;
        byte[] expectedPrevious = previousHash.clone();
        for (AuditEntry entry : entries) {
            Optional<Problem> problem = check(entry, expectedSequence, expectedPrevious);
            if (problem.isPresent()) {
                return new Verification(Optional.of(new Break(expectedSequence, problem.get())),
                        expectedSequence - 1, expectedPrevious);
            }
            expectedPrevious = entry.hash();
            expectedSequence++;
        }
        return new Verification(Optional.empty(), expectedSequence - 1, expectedPrevious);
    }

    /** Computes the SHA-256 hash of the canonical encoding of an entry without a subject. */
    public static byte[] hash(long sequence, Instant at, String officer, String action, Optional<String> caseReference,
                              byte[] previousHash) {
        return hash(sequence, at, officer, action, caseReference, Optional.empty(), previousHash);
    }

    /** Computes the SHA-256 hash of the canonical encoding described in the class documentation. */
    public static byte[] hash(long sequence, Instant at, String officer, String action, Optional<String> caseReference,
                              Optional<String> subject, byte[] previousHash) {
        return sha256(encode(sequence, at, officer, action, caseReference, subject, previousHash));
    }

    /** Returns the canonical encoding of an entry without a subject. Package-private for tests. */
    static byte[] encode(long sequence, Instant at, String officer, String action, Optional<String> caseReference,
                         byte[] previousHash) {
        return encode(sequence, at, officer, action, caseReference, Optional.empty(), previousHash);
    }

    /** Returns the canonical encoding that {@link #hash} digests. Package-private for tests. */
    static byte[] encode(long sequence, Instant at, String officer, String action, Optional<String> caseReference,
                         Optional<String> subject, byte[] previousHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        writeField(out, TAG);
        writeLong(out, sequence);
        writeLong(out, at.getEpochSecond());
        writeInt(out, at.getNano());
        writeField(out, officer.getBytes(StandardCharsets.UTF_8));
        writeField(out, action.getBytes(StandardCharsets.UTF_8));
        if (caseReference.isPresent()) {
            out.write(1);
            writeField(out, caseReference.get().getBytes(StandardCharsets.UTF_8));
        } else {
            out.write(0);
        }
        writeField(out, previousHash);
        if (subject.isPresent()) {
            writeField(out, SUBJECT_TAG);
            writeField(out, subject.get().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static Optional<Problem> check(AuditEntry entry, long expectedSequence, byte[] expectedPrevious) {
        if (entry.sequence() != expectedSequence) {
            return Optional.of(Problem.SEQUENCE);
        }
        if (!MessageDigest.isEqual(entry.previousHash(), expectedPrevious)) {
            return Optional.of(Problem.PREVIOUS_HASH);
        }
        if (!isValid(entry)) {
            return Optional.of(Problem.INVALID_FIELD);
        }
        byte[] recomputed = hash(entry.sequence(), entry.at(), entry.officer(), entry.action(), entry.caseReference(),
                entry.subject(), entry.previousHash());
        if (!MessageDigest.isEqual(entry.hash(), recomputed)) {
            return Optional.of(Problem.HASH);
        }
        return Optional.empty();
    }

    private static boolean isValid(AuditEntry entry) {
        return IDENTIFIER.matcher(entry.officer()).matches()
                && ACTION.matcher(entry.action()).matches()
                && entry.caseReference().map(reference -> IDENTIFIER.matcher(reference).matches()).orElse(true)
                && entry.subject().map(username -> IDENTIFIER.matcher(username).matches()).orElse(true);
    }

    private static void checkIdentifier(String name, String value, Pattern pattern) {
        Objects.requireNonNull(value, name);
        if (!pattern.matcher(value).matches()) {
            // The value is left out of the message because it may be case content that must not reach a log.
            throw new IllegalArgumentException("Invalid audit " + name + " of " + value.length() + " characters:"
                    + " expected an identifier of 1 to " + MAX_IDENTIFIER_LENGTH + " characters matching "
                    + pattern.pattern() + ". Record ids only, never case content.");
        }
    }

    private static void writeField(ByteArrayOutputStream out, byte[] bytes) {
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE implementation must provide SHA-256 (java.security.MessageDigest documentation).
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
