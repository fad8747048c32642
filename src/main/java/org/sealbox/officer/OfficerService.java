package org.sealbox.officer;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import org.sealbox.crypto.BoxKeyPair;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.KdfParams;
import org.sealbox.crypto.PasswordKdf;
import org.sealbox.crypto.PasswordWrap;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.crypto.WrappedKey;
import org.sealbox.postbox.LoginThrottle;
import org.sealbox.storage.Database;
import org.sealbox.totp.Totp;

/**
 * Officer accounts: creation with a new X25519 key pair and a TOTP secret, both encrypted under
 * one key derived from the password with Argon2id, log-in (password and TOTP code) and password
 * change. A log-in succeeds exactly when the private key and the TOTP secret unwrap and the code
 * matches a time step later than the last one used. Thread-safe.
 */
public final class OfficerService {

    private static final System.Logger LOG = System.getLogger(OfficerService.class.getName());
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
    public static final int MIN_PASSWORD_CHARS = 12;
    public static final int MAX_PASSWORD_CHARS = 1024;

    private final Database database;
    private final PasswordKdf kdf;
    private final KdfParams params;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final OfficerStore store = new OfficerStore();
    /** Stands in for an unknown username so that its log-in costs the same Argon2id work. */
    private final WrappedKey decoy;

    /** A logged-in officer; closing wipes the private key. */
    public record SignedIn(long id, String username, Role role, BoxKeyPair keys) implements AutoCloseable {

        public boolean isAdministrator() {
            return role == Role.ADMINISTRATOR;
        }

        @Override
        public void close() {
            keys.wipe();
        }

        @Override
        public String toString() {
            return "SignedIn[" + id + "]";
        }
    }

    /** The outcome of a log-in or of a password change. */
    public sealed interface Outcome {
    }

    /** The log-in succeeded. */
    public record Success(SignedIn officer) implements Outcome {
    }

    /** The password changed. */
    public record Changed() implements Outcome {
    }

    /** Username, password or code is wrong, or the code was used before; callers do not say which. */
    public record Failed() implements Outcome {
    }

    /** Too many recent attempts; no password was checked. */
    public record Throttled(Instant retryAt) implements Outcome {
    }

    /** Why an account could not be created; {@link #messageKey()} names the page text. */
    public static final class InvalidAccountException extends Exception {
        private final String messageKey;

        public InvalidAccountException(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** Further writes that must commit together with a new account, such as using up an invitation. */
    @FunctionalInterface
    public interface AccountHook {
        void created(Handle h, long officerId, String username) throws InvalidAccountException;
    }

    public OfficerService(Database database, PasswordKdf kdf, KdfParams params, Clock clock) {
        this(database, kdf, params, clock, new LoginThrottle(clock, LoginThrottle.PER_ACCOUNT, LoginThrottle.GLOBAL));
    }

    public OfficerService(Database database, PasswordKdf kdf, KdfParams params, Clock clock, LoginThrottle throttle) {
        this.database = database;
        this.kdf = kdf;
        this.params = params;
        this.clock = clock;
        this.throttle = throttle;
        try (SecretBytes filler = SecretBytes.random(32)) {
            this.decoy = PasswordWrap.wrap(kdf, filler, new byte[] {0}, params, "officer-decoy");
        }
    }

    public boolean hasOfficers() {
        return database.read(h -> store.countActive(h)) > 0;
    }

    /** Returns the canonical (lower-case) username, or empty when it is not allowed. */
    public static Optional<String> normaliseUsername(String typed) {
        String username = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return USERNAME.matcher(username).matches() ? Optional.of(username) : Optional.empty();
    }

    /**
     * Returns the issuer that authenticator apps show for Sealbox accounts: the organisation's
     * name without colons, which the otpauth URI reserves to separate issuer and account.
     */
    public static String totpIssuer(String organisationName) {
        String name = organisationName.replace(':', ' ').strip();
        return name.isEmpty() ? "Sealbox" : name;
    }

    /**
     * Checks a new password against the length rules.
     *
     * @throws InvalidAccountException when it is too short or too long
     */
    public static void checkPassword(String password) throws InvalidAccountException {
        int passwordLength = password.codePointCount(0, password.length());
        if (passwordLength < MIN_PASSWORD_CHARS) {
            throw new InvalidAccountException("officer.error.password-short");
        }
        if (passwordLength > MAX_PASSWORD_CHARS) {
            throw new InvalidAccountException("officer.error.password-long");
        }
    }

    /**
     * Creates an active officer account whose TOTP secret is {@code totpSecret}, for the command
     * line and tests. No code has been used yet.
     *
     * @throws InvalidAccountException for an invalid or taken username or a too short password
     */
    public long create(String typedUsername, String password, Role role, SecretBytes totpSecret)
            throws InvalidAccountException {
        return create(typedUsername, password, role, totpSecret, Totp.NO_STEP_USED, (h, id, username) -> { });
    }

    /**
     * Creates an active officer account with a new key pair and the TOTP secret
     * {@code totpSecret}, wrapped under the password, and runs {@code hook} in the same write
     * transaction.
     *
     * @param totpLastStep the time step of the code that confirmed the enrolment, or
     *                     {@link Totp#NO_STEP_USED}
     * @throws InvalidAccountException for an invalid or taken username, a password outside the
     *                                 length rules, or whatever {@code hook} rejects
     */
    public long create(String typedUsername, String password, Role role, SecretBytes totpSecret, long totpLastStep,
                       AccountHook hook) throws InvalidAccountException {
        String username = normaliseUsername(typedUsername)
                .orElseThrow(() -> new InvalidAccountException("officer.error.username-invalid"));
        checkPassword(password);

        BoxKeyPair keys = BoxKeyPair.generate();
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] publicKey = keys.publicKey();
            byte[] salt = PasswordKdf.newSalt();
            byte[] wrappedPrivateKey;
            byte[] totpWrapped;
            try (SecretBytes wrappingKey = PasswordWrap.deriveKey(kdf, passwordBytes, salt, params)) {
                wrappedPrivateKey = PasswordWrap.encrypt(wrappingKey, keys.privateKey(), privateKeyData(publicKey));
                totpWrapped = PasswordWrap.encrypt(wrappingKey, totpSecret, totpData(publicKey));
            }
            long id = database.write(h -> {
                if (store.findByUsername(h, username).isPresent()) {
                    throw new InvalidAccountException("officer.error.username-taken");
                }
                long created = store.insert(h, username, role, publicKey, salt, params.opsLimit(),
                        params.memLimitBytes(), wrappedPrivateKey, clock.instant().getEpochSecond());
                store.setTotp(h, created, totpWrapped, totpLastStep);
                hook.created(h, created, username);
                return created;
            });
            LOG.log(Level.INFO, "Officer account created ({0})", role.id());
            return id;
        } catch (UnableToExecuteStatementException e) {
            throw new InvalidAccountException("officer.error.username-taken");
        } finally {
            keys.wipe();
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /**
     * Checks password and TOTP code. The attempt is counted by the throttle before any Argon2id
     * work. An unknown or inactive username, or an account without a TOTP secret, runs the same
     * Argon2id work on a decoy, so the response time does not tell which it was. A code is
     * accepted only for a time step later than the last accepted one, so each code works once.
     *
     * @return {@link Success}, {@link Failed} or {@link Throttled}
     */
    public Outcome login(String typedUsername, String password, String code) {
        Optional<String> username = normaliseUsername(typedUsername);
        String throttleKey = throttleKey(username.orElse(typedUsername == null ? "" : typedUsername.strip()));
        if (throttle.acquire(throttleKey) instanceof LoginThrottle.Denied denied) {
            return new Throttled(denied.retryAt());
        }
        Optional<OfficerStore.Row> row = username
                .flatMap(name -> database.read(h -> store.findByUsername(h, name)))
                .filter(OfficerStore.Row::active)
                .filter(found -> found.totpWrapped() != null);
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            if (row.isEmpty()) {
                unwrapQuietly(decoy, passwordBytes, "officer-decoy");
                return new Failed();
            }
            OfficerStore.Row officer = row.get();
            Unwrapped secrets = unwrap(officer, passwordBytes);
            try (SecretBytes totp = secrets.totpSecret()) {
                if (!useCode(officer, totp, code)) {
                    secrets.privateKey().wipe();
                    return new Failed();
                }
            }
            throttle.succeeded(throttleKey);
            return new Success(new SignedIn(officer.id(), officer.username(), officer.role(),
                    BoxKeyPair.fromPrivateKey(secrets.privateKey())));
        } catch (DecryptionException e) {
            return new Failed();
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /**
     * Re-wraps the officer's private key and TOTP secret under {@code newPassword} with a new
     * salt, after checking the current password and a current TOTP code (which is then used up).
     * The key pair and the TOTP secret stay the same, so every case stays readable. Throttled
     * like a log-in of the same account.
     *
     * @return {@link Changed}, {@link Failed} or {@link Throttled}
     * @throws InvalidAccountException when the new password breaks the length rules; nothing is checked then
     */
    public Outcome changePassword(long officerId, String currentPassword, String code, String newPassword)
            throws InvalidAccountException {
        checkPassword(newPassword);
        OfficerStore.Row officer = database.read(h -> store.findById(h, officerId))
                .filter(OfficerStore.Row::active)
                .filter(found -> found.totpWrapped() != null)
                .orElseThrow(() -> new IllegalStateException("the signed-in officer has no active account with TOTP"));
        String throttleKey = throttleKey(officer.username());
        if (throttle.acquire(throttleKey) instanceof LoginThrottle.Denied denied) {
            return new Throttled(denied.retryAt());
        }
        byte[] currentBytes = currentPassword.getBytes(StandardCharsets.UTF_8);
        byte[] newBytes = newPassword.getBytes(StandardCharsets.UTF_8);
        try {
            Unwrapped secrets;
            try {
                secrets = unwrap(officer, currentBytes);
            } catch (DecryptionException e) {
                return new Failed();
            }
            try (SecretBytes privateKey = secrets.privateKey(); SecretBytes totp = secrets.totpSecret()) {
                if (!useCode(officer, totp, code)) {
                    return new Failed();
                }
                byte[] salt = PasswordKdf.newSalt();
                try (SecretBytes wrappingKey = PasswordWrap.deriveKey(kdf, newBytes, salt, params)) {
                    byte[] wrappedPrivateKey = PasswordWrap.encrypt(wrappingKey, privateKey,
                            privateKeyData(officer.publicKey()));
                    byte[] totpWrapped = PasswordWrap.encrypt(wrappingKey, totp, totpData(officer.publicKey()));
                    database.write(h -> {
                        store.rewrap(h, officer.id(), salt, params.opsLimit(), params.memLimitBytes(),
                                wrappedPrivateKey, totpWrapped);
                        return null;
                    });
                }
            }
            throttle.succeeded(throttleKey);
            LOG.log(Level.INFO, "Officer password changed");
            return new Changed();
        } finally {
            Arrays.fill(currentBytes, (byte) 0);
            Arrays.fill(newBytes, (byte) 0);
        }
    }

    /** Checks a TOTP code and stores its step, so that it cannot be used again. */
    private boolean useCode(OfficerStore.Row officer, SecretBytes totp, String code) {
        OptionalLong step = Totp.verify(totp, code, clock.instant(), officer.totpLastStep());
        // The conditional update also refuses a code that a parallel log-in used first.
        return step.isPresent() && database.write(h -> store.advanceTotpStep(h, officer.id(), step.getAsLong()));
    }

    /** The private key and TOTP secret of an account, unwrapped with one Argon2id run. */
    private record Unwrapped(SecretBytes privateKey, SecretBytes totpSecret) {
    }

    private Unwrapped unwrap(OfficerStore.Row officer, byte[] password) throws DecryptionException {
        KdfParams stored = new KdfParams(officer.keyOps(), officer.keyMemory());
        try (SecretBytes wrappingKey = PasswordWrap.deriveKey(kdf, password, officer.keySalt(), stored)) {
            SecretBytes privateKey = PasswordWrap.decrypt(wrappingKey, officer.wrappedPrivateKey(),
                    privateKeyData(officer.publicKey()));
            try {
                return new Unwrapped(privateKey, PasswordWrap.decrypt(wrappingKey, officer.totpWrapped(),
                        totpData(officer.publicKey())));
            } catch (DecryptionException e) {
                privateKey.wipe();
                throw e;
            }
        }
    }

    private void unwrapQuietly(WrappedKey wrapped, byte[] password, String associatedData) {
        try {
            PasswordWrap.unwrap(kdf, wrapped, password, associatedData).wipe();
        } catch (DecryptionException expected) {
            // The decoy never opens; only the time spent matters.
        }
    }

    /** Returns the throttle key of a username: its SHA-256, so the throttle contains no username. */
    private static String throttleKey(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(username.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** Binds a wrapped private key to its officer, so wrapped keys cannot be swapped between rows. */
    private static String privateKeyData(byte[] publicKey) {
        return "officer/private-key/" + HexFormat.of().formatHex(publicKey);
    }

    /** Binds a wrapped TOTP secret to its officer and keeps it apart from the private key. */
    private static String totpData(byte[] publicKey) {
        return "officer/totp-secret/" + HexFormat.of().formatHex(publicKey);
    }
}
