package org.sealbox.crypto;

import com.goterl.lazysodium.interfaces.PwHash;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * Direct call to libsodium's {@code crypto_pwhash} with the Argon2id v1.3 algorithm.
 *
 * <p>{@link PasswordKdf} is the public entry point, and it bounds concurrency. This class exists so
 * that a known-answer test can request output lengths other than 32 bytes.
 *
 * <p>NOTE: lazysodium-java passes the memory limit as {@code com.sun.jna.NativeLong}, and its POM
 * declares JNA as a runtime dependency only, so this code cannot name that type at compile time.
 * The call is made through method handles that convert a {@code long} to {@code NativeLong}.
 * With JNA declared as a compile dependency this could be a plain call to
 * {@code getSodium().crypto_pwhash(...)}.
 */
final class Argon2id {

    private static final String NATIVE_LONG_CLASS = "com.sun.jna.NativeLong";

    /** (Sodium, out, outLen, passwd, passwdLen, salt, opsLimit, memLimit, alg) -> int */
    private static final MethodHandle CRYPTO_PWHASH = bindCryptoPwhash();

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
        try {
            return (int) CRYPTO_PWHASH.invokeExact(
                    (com.goterl.lazysodium.Sodium) Sodium.get().lazySodium().getSodium(),
                    out, (long) out.length,
                    password, (long) password.length,
                    salt,
                    params.opsLimit(),
                    params.memLimitBytes(),
                    PwHash.Alg.PWHASH_ALG_ARGON2ID13.getValue());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // The native method and the NativeLong constructor declare no checked exceptions.
            throw new IllegalStateException("crypto_pwhash call failed", e);
        }
    }

    private static MethodHandle bindCryptoPwhash() {
        try {
            Class<?> sodiumClass = com.goterl.lazysodium.Sodium.class;
            Class<?> nativeLong = Class.forName(NATIVE_LONG_CLASS, true, sodiumClass.getClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();

            MethodHandle pwhash = lookup.findVirtual(sodiumClass, "crypto_pwhash", MethodType.methodType(
                    int.class, byte[].class, long.class, byte[].class, long.class, byte[].class,
                    long.class, nativeLong, int.class));
            MethodHandle toNativeLong = lookup.findConstructor(
                    nativeLong, MethodType.methodType(void.class, long.class));

            // Argument 7 (after the receiver) is the memory limit: accept a long there.
            return MethodHandles.filterArguments(pwhash, 7, toNativeLong);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "lazysodium-java's crypto_pwhash binding or JNA's NativeLong was not found: " + e, e);
        }
    }
}
