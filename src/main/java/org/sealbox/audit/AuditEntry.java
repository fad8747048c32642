package org.sealbox.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the audit log: who did what, when, to which case and which officer it affected. It
 * records identifiers only,
 * never case content. {@link AuditChain#append} checks the identifier formats.
 *
 * <p>Entries form a hash chain. {@link #hash()} is SHA-256 over the canonical encoding of all other
 * components, which include {@link #previousHash()}, the hash of the entry before. See
 * {@link AuditChain} for the encoding.
 *
 * <p>Immutable and thread-safe: the constructor and the array accessors copy the arrays.
 * {@code equals} and {@code hashCode} compare the array contents.
 *
 * @param sequence      position in the chain: 1 for the first entry, then one more per entry
 * @param at            when the action happened, at millisecond precision when made by
 *                      {@link AuditChain#append}
 * @param officer       identifier of the officer who acted, such as the login name
 * @param action        identifier of the action, such as {@code case.status-changed}
 * @param caseReference reference number of the case the action concerns, if any
 * @param subject       username of the officer the action affects, if any: the grantee of a
 *                      grant, the excluded, invited, activated or deactivated officer
 * @param previousHash  {@link #hash()} of the entry before, or 32 zero bytes for the first entry
 * @param hash          SHA-256 over the canonical encoding of the other components
 */
public record AuditEntry(long sequence, Instant at, String officer, String action, Optional<String> caseReference,
                         Optional<String> subject, byte[] previousHash, byte[] hash) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(officer, "officer");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(caseReference, "caseReference");
        Objects.requireNonNull(subject, "subject");
        previousHash = Objects.requireNonNull(previousHash, "previousHash").clone();
        hash = Objects.requireNonNull(hash, "hash").clone();
    }

    /** Creates an entry without a subject. */
    public AuditEntry(long sequence, Instant at, String officer, String action, Optional<String> caseReference,
                      byte[] previousHash, byte[] hash) {
        this(sequence, at, officer, action, caseReference, Optional.empty(), previousHash, hash);
    }

    /** Returns a copy of the previous entry's hash. */
    @Override
    public byte[] previousHash() {
        return previousHash.clone();
    }

    /** Returns a copy of this entry's hash. */
    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditEntry entry
                && sequence == entry.sequence
                && at.equals(entry.at)
                && officer.equals(entry.officer)
                && action.equals(entry.action)
                && caseReference.equals(entry.caseReference)
                && subject.equals(entry.subject)
                && Arrays.equals(previousHash, entry.previousHash)
                && Arrays.equals(hash, entry.hash);
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(sequence, at, officer, action, caseReference, subject);
        result = 31 * result + Arrays.hashCode(previousHash);
        return 31 * result + Arrays.hashCode(hash);
    }

    /** Shows every component, with the hashes in hexadecimal. */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "AuditEntry[sequence=" + sequence + ", at=" + at + ", officer=" + officer + ", action=" + action
                + ", caseReference=" + caseReference.orElse("-") + ", subject=" + subject.orElse("-")
                + ", previousHash=" + hex.formatHex(previousHash)
                + ", hash=" + hex.formatHex(hash) + "]";
    }
}
