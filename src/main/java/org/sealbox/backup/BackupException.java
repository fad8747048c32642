package org.sealbox.backup;

/** A backup could not be written, or an archive is damaged or not a Sealbox backup. The message names the problem. */
public class BackupException extends Exception {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The restore target is a non-empty directory; nothing was written to it. */
    public static final class TargetNotEmptyException extends BackupException {
        public TargetNotEmptyException(String message) {
            super(message);
        }
    }
}
