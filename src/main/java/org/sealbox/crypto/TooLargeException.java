package org.sealbox.crypto;

/** Thrown by {@link FileCipher#encrypt} when the input is longer than the allowed maximum. */
public class TooLargeException extends Exception {

    private final long limitBytes;

    /** Creates the exception for an input that exceeded {@code limitBytes}. */
    public TooLargeException(long limitBytes) {
        super("Input exceeds the maximum size of " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    /** Returns the maximum number of plaintext bytes that was exceeded. */
    public long limitBytes() {
        return limitBytes;
    }
}
