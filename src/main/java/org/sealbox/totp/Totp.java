package org.sealbox.totp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

import org.sealbox.crypto.SecretBytes;
import org.sealbox.onion.Base32;

/**
 * Time-based one-time passwords as RFC 6238 defines them, with HMAC-SHA-1, 6 digits and a
 * 30-second time step counted from the Unix epoch, the defaults of the otpauth Key Uri Format. The
 * codes come from java-otp 0.4.0.
 *
 * <p>{@link #verify} accepts the code of the current time step and of one step either side. RFC
 * 6238 section 5.2 recommends allowing at most one step of network delay, and the step after the
 * current one is accepted for a phone clock that runs ahead. It returns the matched step. The caller
 * stores it and passes it back as {@code lastUsedStep}, and a code of that step or an earlier one
 * is then rejected, so a code cannot be used twice (RFC 6238 section 5.2).
 *
 * <p>Because three steps are accepted, a random guess succeeds with a probability of 3 in
 * 1,000,000, so the caller must limit failed attempts.
 *
 * <p>NOTE: the HMAC key is a copy of the secret inside a {@link SecretKeySpec}, which cannot be
 * wiped and stays in memory until it is garbage collected.
 *
 * <p>Thread-safe: the class keeps no mutable state, and java-otp's generator clones its
 * {@code Mac} for each code.
 */
public final class Totp {

    /** Length of a new secret in bytes: the HMAC-SHA-1 output length, as RFC 6238 section 5.1 advises. */
    public static final int SECRET_BYTES = 20;

    /** Number of digits in a code. */
    public static final int DIGITS = 6;

    /** Length of a time step. */
    public static final Duration TIME_STEP = Duration.ofSeconds(30);

    /** The {@code lastUsedStep} to pass to {@link #verify} when no code has been used yet. */
    public static final long NO_STEP_USED = -1;

    /** The JCA name of the HMAC that RFC 6238 uses by default. */
    private static final String ALGORITHM = "HmacSHA1";

    private static final Pattern CODE = Pattern.compile("[0-9]{" + DIGITS + "}");

    private static final TimeBasedOneTimePasswordGenerator GENERATOR = generator(DIGITS);

    private Totp() {
    }

    /** Returns a new random secret of {@link #SECRET_BYTES} bytes from libsodium's {@code randombytes_buf}. */
    public static SecretBytes newSecret() {
        return SecretBytes.random(SECRET_BYTES);
    }

    /**
     * Returns the secret as unpadded upper-case Base32 (RFC 4648 section 6), the form that
     * authenticator apps accept for manual entry: 32 characters for a 20-byte secret.
     */
    public static String secretText(SecretBytes secret) {
        return Base32.encode(Objects.requireNonNull(secret, "secret").bytes());
    }

    /**
     * Builds the {@code otpauth://totp/} URI that authenticator apps read from a QR code, in the
     * Key Uri Format of Google Authenticator (github.com/google/google-authenticator/wiki/Key-Uri-Format):
     * {@code otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30}.
     * Issuer and account are percent-encoded as UTF-8 (RFC 3986), so a space becomes {@code %20}.
     *
     * <p>The URI contains the secret, so treat it as secret.
     *
     * @param issuer  the service name shown in the app, such as the organisation's name
     * @param account the officer's login name
     * @throws IllegalArgumentException if issuer or account is blank or contains a colon, which
     *                                  the format uses to separate them
     */
    public static String provisioningUri(String issuer, String account, SecretBytes secret) {
        checkLabelPart("issuer", issuer);
        checkLabelPart("account", account);
        String encodedIssuer = percentEncode(issuer);
        return "otpauth://totp/" + encodedIssuer + ":" + percentEncode(account)
                + "?secret=" + secretText(secret)
                + "&issuer=" + encodedIssuer
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + TIME_STEP.toSeconds();
    }

    /** Returns the RFC 6238 time step T of {@code instant}: whole 30-second periods since the Unix epoch. */
    public static long timeStep(Instant instant) {
        return Math.floorDiv(Objects.requireNonNull(instant, "instant").getEpochSecond(), TIME_STEP.toSeconds());
    }

    /** Returns the 6-digit code of {@code timeStep}, with leading zeros. */
    public static String code(SecretBytes secret, long timeStep) {
        return code(GENERATOR, Objects.requireNonNull(secret, "secret").bytes(), timeStep);
    }

    /**
     * Checks a typed code against the time steps around {@code now}.
     *
     * @param code         the code as typed. Spaces are ignored, so {@code 123 456} is accepted.
     * @param lastUsedStep the step that the last accepted code matched, or {@link #NO_STEP_USED}
     * @return the matched time step, which the caller stores as the new {@code lastUsedStep}, or
     *         empty when the code is malformed, matches none of the current step and the steps
     *         either side, or matches only steps at or before {@code lastUsedStep}
     */
    public static OptionalLong verify(SecretBytes secret, String code, Instant now, long lastUsedStep) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(now, "now");
        if (code == null) {
            return OptionalLong.empty();
        }
        String typed = code.replace(" ", "");
        if (!CODE.matcher(typed).matches()) {
            return OptionalLong.empty();
        }
        byte[] typedBytes = typed.getBytes(StandardCharsets.US_ASCII);
        long current = timeStep(now);
        long matched = Long.MIN_VALUE;
        // All three steps are computed and compared, so the time taken does not show which matched.
        for (long step = current - 1; step <= current + 1; step++) {
            if (step < 0) {
                continue;
            }
            byte[] expected = code(secret, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, typedBytes) && step > lastUsedStep) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /**
     * Returns the code of {@code timeStep} with {@code digits} digits. Package-private so that
     * tests can run the 8-digit vectors of RFC 6238 Appendix B.
     */
    static String code(byte[] key, long timeStep, int digits) {
        return code(generator(digits), key, timeStep);
    }

    private static String code(TimeBasedOneTimePasswordGenerator generator, byte[] key, long timeStep) {
        if (timeStep < 0) {
            throw new IllegalArgumentException("Time step must not be negative, got " + timeStep);
        }
        Instant stepStart = Instant.ofEpochSecond(Math.multiplyExact(timeStep, TIME_STEP.toSeconds()));
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(key, ALGORITHM), stepStart, Locale.ROOT);
        } catch (InvalidKeyException e) {
            // HmacSHA1 accepts keys of any length, so this means the JDK's HMAC provider is broken.
            throw new IllegalStateException("HmacSHA1 rejected a " + key.length + "-byte key", e);
        }
    }

    private static TimeBasedOneTimePasswordGenerator generator(int digits) {
        return new TimeBasedOneTimePasswordGenerator(TIME_STEP, digits,
                TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    }

    private static void checkLabelPart(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("TOTP " + name + " must not be blank");
        }
        if (value.indexOf(':') >= 0) {
            throw new IllegalArgumentException("TOTP " + name + " '" + value + "' must not contain ':',"
                    + " which separates issuer and account in the otpauth URI");
        }
    }

    /** Percent-encodes every UTF-8 byte except the RFC 3986 unreserved characters A-Z a-z 0-9 - . _ ~. */
    private static String percentEncode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                out.write(c);
            } else {
                out.writeBytes(String.format(Locale.ROOT, "%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
