package org.sealbox.crypto;

/**
 * Cost parameters for Argon2id as libsodium's {@code crypto_pwhash} takes them.
 *
 * <p>{@code opsLimit} is the number of passes over memory. {@code memLimitBytes} is the memory
 * one derivation allocates, in bytes, which libsodium rounds down to whole KiB. The limits checked
 * here are libsodium's {@code crypto_pwhash_argon2id_OPSLIMIT_MIN/MAX} and
 * {@code crypto_pwhash_argon2id_MEMLIMIT_MIN/MAX} on 64-bit platforms (header
 * {@code crypto_pwhash_argon2id.h}).
 *
 * @param opsLimit      passes over memory, 1 to 4294967295
 * @param memLimitBytes memory per derivation in bytes, 8192 (8 KiB) to 4398046510080 (4 TiB - 1 KiB)
 */
public record KdfParams(long opsLimit, long memLimitBytes) {

    /** Smallest {@code opsLimit} libsodium accepts for Argon2id. */
    public static final long OPS_LIMIT_MIN = 1L;
    /** Largest {@code opsLimit} libsodium accepts for Argon2id. */
    public static final long OPS_LIMIT_MAX = 4_294_967_295L;
    /** Smallest {@code memLimitBytes} libsodium accepts for Argon2id (8 KiB). */
    public static final long MEM_LIMIT_MIN = 8_192L;
    /** Largest {@code memLimitBytes} libsodium accepts for Argon2id on 64-bit platforms. */
    public static final long MEM_LIMIT_MAX = 4_398_046_510_080L;

    /** libsodium's interactive preset: 2 passes over 64 MiB. */
    public static final KdfParams INTERACTIVE = new KdfParams(2, 64L * 1024 * 1024);
    /** libsodium's moderate preset: 3 passes over 256 MiB. */
    public static final KdfParams MODERATE = new KdfParams(3, 256L * 1024 * 1024);

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException if a value is outside libsodium's Argon2id range
     */
    public KdfParams {
        if (opsLimit < OPS_LIMIT_MIN || opsLimit > OPS_LIMIT_MAX) {
            throw new IllegalArgumentException("Argon2id opsLimit must be between " + OPS_LIMIT_MIN
                    + " and " + OPS_LIMIT_MAX + ", got " + opsLimit);
        }
        if (memLimitBytes < MEM_LIMIT_MIN || memLimitBytes > MEM_LIMIT_MAX) {
            throw new IllegalArgumentException("Argon2id memLimitBytes must be between " + MEM_LIMIT_MIN
                    + " and " + MEM_LIMIT_MAX + ", got " + memLimitBytes);
        }
    }
}
