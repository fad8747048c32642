package org.sealbox.crypto;

import com.goterl.lazysodium.interfaces.PwHash;
import com.sun.jna.NativeLong;

import java.util.Objects;

/**
 * Direct call to libsodium's {@code crypto_pwhash} with the Argon2id v1.3 algorithm.
 *
 * <p>{@link PasswordKdf} is the public entry point, and it bounds concurrency. This class exists so
 * that a known-answer test can request output lengths other than 32 bytes.
 */
final class Argon2id {

    private Argon2id() {
    }

    /**
     * Derives {@code outputLength} bytes from the password and the 16-byte salt.
     * Blocks the calling thread for the whole computation and allocates
     * {@code params.memLimitBytes()} of native memory meanwhile.
     *
     * @throws IllegalArgumentException if the salt is not 16 bytes or the output length is outside
     *                                  16 to {@code Integer.MAX_VALUE}
     * @throws IllegalStateException    if {@code crypto_pwhash} fails, which in practice means the
     *                                  memory could not be allocated
     */
    static byte[] derive(byte[] password, byte[] salt, KdfParams params, int outputLength) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(params, "params");
        if (salt.length != PwHash.ARGON2ID_SALTBYTES) {
            throw new IllegalArgumentException(
                    "Argon2id salt must be " + PwHash.ARGON2ID_SALTBYTES + " bytes, got " + salt.length);
        }
        if (outputLength < PwHash.ARGON2ID_BYTES_MIN) {
            throw new IllegalArgumentException(
                    "Argon2id output must be at least " + PwHash.ARGON2ID_BYTES_MIN + " bytes, got " + outputLength);
        }

        byte[] out = new byte[outputLength];
        int status = invoke(out, password, salt, params);
        if (status != 0) {
            throw new IllegalStateException("Argon2id key derivation failed (crypto_pwhash returned " + status
                    + ") with opsLimit " + params.opsLimit() + " and memLimitBytes " + params.memLimitBytes()
                    + "; the process could probably not allocate that much memory");
        }
        return out;
    }

    private static int invoke(byte[] out, byte[] password, byte[] salt, KdfParams params) {
        return Sodium.get().lazySodium().getSodium().crypto_pwhash(
                out, out.length,
                password, password.length,
                salt,
                params.opsLimit(),
                new NativeLong(params.memLimitBytes()),
                PwHash.Alg.PWHASH_ALG_ARGON2ID13.getValue());
    }
}
