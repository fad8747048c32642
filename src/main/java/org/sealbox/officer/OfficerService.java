package org.sealbox.officer;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import org.sealbox.crypto.BoxKeyPair;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.KdfParams;
import org.sealbox.crypto.PasswordKdf;
import org.sealbox.crypto.PasswordWrap;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.crypto.WrappedKey;
import org.sealbox.storage.Database;

/**
 * Officer accounts: creation with a new X25519 key pair whose private key is wrapped under
 * Argon2id(password), and login, which succeeds exactly when that key unwraps. Thread-safe.
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
    private final OfficerStore store = new OfficerStore();
    /** Stands in for an unknown username so that its login costs the same Argon2id work. */
    private final WrappedKey decoy;

    /** A logged-in officer; closing wipes the private key. */
    public record SignedIn(long id, String username, Role role, BoxKeyPair keys) implements AutoCloseable {

        @Override
        public void close() {
            keys.wipe();
        }

        @Override
        public String toString() {
            return "SignedIn[" + id + "]";
        }
    }

    /** Why an account could not be created; {@link #messageKey()} names the page text. */
    public static final class InvalidAccountException extends Exception {
        private final String messageKey;

        InvalidAccountException(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    public OfficerService(Database database, PasswordKdf kdf, KdfParams params, Clock clock) {
        this.database = database;
        this.kdf = kdf;
        this.params = params;
        this.clock = clock;
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
     * Creates an active officer account.
     *
     * @throws InvalidAccountException for an invalid or taken username or a too short password
     */
    public long create(String typedUsername, String password, Role role) throws InvalidAccountException {
        String username = normaliseUsername(typedUsername)
                .orElseThrow(() -> new InvalidAccountException("officer.error.username-invalid"));
        int passwordLength = password.codePointCount(0, password.length());
        if (passwordLength < MIN_PASSWORD_CHARS) {
            throw new InvalidAccountException("officer.error.password-short");
        }
        if (passwordLength > MAX_PASSWORD_CHARS) {
            throw new InvalidAccountException("officer.error.password-long");
        }

        BoxKeyPair keys = BoxKeyPair.generate();
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] publicKey = keys.publicKey();
            WrappedKey wrapped = PasswordWrap.wrap(kdf, keys.privateKey(), passwordBytes, params,
                    associatedData(publicKey));
            long id = database.write(h -> {
                if (store.findByUsername(h, username).isPresent()) {
                    throw new InvalidAccountException("officer.error.username-taken");
                }
                return store.insert(h, username, role, publicKey, wrapped.salt(), wrapped.params().opsLimit(),
                        wrapped.params().memLimitBytes(), wrapped.ciphertext(), clock.instant().getEpochSecond());
            });
            LOG.log(Level.INFO, "Officer account created ({0})", role.id());
            return id;
        } catch (UnableToExecuteStatementException e) {
            throw new InvalidAccountException("officer.error.username-taken");
        } finally {
            keys.wipe();
            java.util.Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /**
     * Checks the password by unwrapping the officer's private key. An unknown or inactive
     * username runs the same Argon2id work, so the answer time does not tell which it was.
     */
    public Optional<SignedIn> login(String typedUsername, String password) {
        Optional<OfficerStore.Row> row = normaliseUsername(typedUsername)
                .flatMap(username -> database.read(h -> store.findByUsername(h, username)))
                .filter(OfficerStore.Row::active);
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            if (row.isEmpty()) {
                unwrapQuietly(decoy, passwordBytes, "officer-decoy");
                return Optional.empty();
            }
            OfficerStore.Row officer = row.get();
            WrappedKey wrapped = new WrappedKey(officer.keySalt(), new KdfParams(officer.keyOps(), officer.keyMemory()),
                    officer.wrappedPrivateKey());
            SecretBytes privateKey = PasswordWrap.unwrap(kdf, wrapped, passwordBytes, associatedData(officer.publicKey()));
            return Optional.of(new SignedIn(officer.id(), officer.username(), officer.role(),
                    BoxKeyPair.fromPrivateKey(privateKey)));
        } catch (DecryptionException e) {
            return Optional.empty();
        } finally {
            java.util.Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    private void unwrapQuietly(WrappedKey wrapped, byte[] password, String associatedData) {
        try {
            PasswordWrap.unwrap(kdf, wrapped, password, associatedData).wipe();
        } catch (DecryptionException expected) {
            // The decoy never opens; only the time spent matters.
        }
    }

    /** Binds a wrapped private key to its officer, so wrapped keys cannot be swapped between rows. */
    private static String associatedData(byte[] publicKey) {
        return "officer/private-key/" + HexFormat.of().formatHex(publicKey);
    }
}
