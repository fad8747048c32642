package org.sealbox.postbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import org.sealbox.crypto.BoxKeyPair;
import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.KdfParams;
import org.sealbox.crypto.KeyedHash;
import org.sealbox.crypto.PasswordKdf;
import org.sealbox.crypto.PasswordWrap;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.crypto.WrappedKey;
import org.sealbox.storage.Database;

/**
 * Postboxes: set-up wraps the case private key under Argon2id(password); log-in succeeds exactly
 * when it unwraps. The postbox is found by a keyed hash of the normalised pseudonym, so the
 * database holds no pseudonym. Thread-safe.
 */
public final class PostboxService {


    private final Database database;
    private final PasswordKdf kdf;
    private final KdfParams params;
    private final SecretBytes pepper;
    private final LoginThrottle throttle;
    private final PostboxStore store = new PostboxStore();
    /** Unwrapped for unknown pseudonyms, so they cost the same Argon2id work as wrong passwords. */
    private final WrappedKey decoy;

    /** A logged-in postbox; closing wipes the case private key. */
    public record Opened(long caseId, String reference, BoxKeyPair caseKeys) implements AutoCloseable {

        @Override
        public void close() {
            caseKeys.wipe();
        }

        @Override
        public String toString() {
            return "Opened[REDACTED]";
        }
    }

    /** The outcome of a set-up. */
    public sealed interface SetupResult {
    }

    public record Created() implements SetupResult {
    }

    /** Rejected input; {@code messageKey} and {@code hints} say what to change. */
    public record Rejected(String field, String messageKey, List<String> hints) implements SetupResult {
    }

    /** The outcome of a log-in. Unknown pseudonym and wrong password give the same {@link Failed}. */
    public sealed interface LoginResult {
    }

    public record LoggedIn(Opened postbox) implements LoginResult {
    }

    public record Failed() implements LoginResult {
    }

    public record Throttled(java.time.Instant retryAt) implements LoginResult {
    }

    public PostboxService(Database database, PasswordKdf kdf, KdfParams params, SecretBytes pepper,
                          LoginThrottle throttle) {
        this.database = database;
        this.kdf = kdf;
        this.params = params;
        this.pepper = pepper;
        this.throttle = throttle;
        try (SecretBytes filler = SecretBytes.random(32)) {
            this.decoy = PasswordWrap.wrap(kdf, filler, new byte[] {0}, params, "postbox-decoy");
        }
    }

    /**
     * Sets up the postbox of a case just sent. Refuses invalid or taken pseudonyms (including
     * ones that normalise to a taken one), weak passwords, and a second postbox for one case.
     * Of two set-ups of the same pseudonym at the same moment, the database's unique index lets
     * exactly one win.
     */
    public SetupResult setUp(long caseId, BoxKeyPair caseKeys, String typedPseudonym, String password,
                             List<String> context, Locale locale) {
        Pseudonyms.Result pseudonym = Pseudonyms.check(typedPseudonym);
        if (pseudonym instanceof Pseudonyms.Invalid invalid) {
            return new Rejected("pseudonym", invalid.messageKey(), List.of());
        }
        String normalised = ((Pseudonyms.Valid) pseudonym).normalised();
        byte[] lookup = lookup(normalised);
        if (database.read(h -> store.lookupExists(h, lookup))) {
            return new Rejected("pseudonym", "postbox.error.pseudonym-taken", List.of());
        }
        java.util.ArrayList<String> words = new java.util.ArrayList<>(context);
        words.add(normalised);
        PasswordRules.Result strength = PasswordRules.check(password, words, locale);
        if (strength instanceof PasswordRules.Rejected weak) {
            return new Rejected("password", weak.messageKey(), weak.hints());
        }

        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            WrappedKey wrapped = PasswordWrap.wrap(kdf, caseKeys.privateKey(), passwordBytes, params,
                    associatedData(caseId));
            return database.write(h -> {
                if (store.caseHasPostbox(h, caseId)) {
                    return new Rejected("pseudonym", "postbox.error.already-set-up", List.of());
                }
                if (store.lookupExists(h, lookup)) {
                    return new Rejected("pseudonym", "postbox.error.pseudonym-taken", List.of());
                }
                store.insert(h, caseId, lookup, wrapped.salt(), wrapped.params().opsLimit(),
                        wrapped.params().memLimitBytes(), wrapped.ciphertext());
                return (SetupResult) new Created();
            });
        } catch (UnableToExecuteStatementException e) {
            // The unique index on lookup caught a set-up that committed between the check and the insert.
            return new Rejected("pseudonym", "postbox.error.pseudonym-taken", List.of());
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /**
     * Opens a postbox. An unknown pseudonym, an invalid one and a wrong password all run one
     * Argon2id derivation and return {@link Failed}; a throttled attempt runs none and returns
     * {@link Throttled} whatever the pseudonym.
     */
    public LoginResult login(String typedPseudonym, String password) {
        Pseudonyms.Result pseudonym = Pseudonyms.check(typedPseudonym);
        String normalised = pseudonym instanceof Pseudonyms.Valid valid ? valid.normalised()
                : typedPseudonym == null ? "" : typedPseudonym;
        byte[] lookup = lookup(normalised);
        String throttleKey = HexFormat.of().formatHex(lookup);
        if (throttle.acquire(throttleKey) instanceof LoginThrottle.Denied denied) {
            return new Throttled(denied.retryAt());
        }

        Optional<PostboxStore.Row> row = pseudonym instanceof Pseudonyms.Valid
                ? database.read(h -> store.findByLookup(h, lookup))
                : Optional.empty();
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            if (row.isEmpty()) {
                unwrapDecoy(passwordBytes);
                return new Failed();
            }
            PostboxStore.Row postbox = row.get();
            WrappedKey wrapped = new WrappedKey(postbox.keySalt(), new KdfParams(postbox.keyOps(), postbox.keyMemory()),
                    postbox.wrappedCaseKey());
            SecretBytes caseKey = PasswordWrap.unwrap(kdf, wrapped, passwordBytes, associatedData(postbox.caseId()));
            throttle.succeeded(throttleKey);
            return new LoggedIn(new Opened(postbox.caseId(), postbox.reference(), BoxKeyPair.fromPrivateKey(caseKey)));
        } catch (DecryptionException e) {
            return new Failed();
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /** Returns the case's current status as stored, e.g. "new". */
    public String status(long caseId) {
        return database.read(h -> store.status(h, caseId)).orElse("");
    }

    private byte[] lookup(String normalised) {
        return KeyedHash.hash(pepper, normalised.getBytes(StandardCharsets.UTF_8));
    }

    private void unwrapDecoy(byte[] password) {
        try {
            PasswordWrap.unwrap(kdf, decoy, password, "postbox-decoy").wipe();
        } catch (DecryptionException expected) {
            // The decoy never opens; only the time spent matters.
        }
    }

    /** Binds a wrapped case key to its postbox's case, so it cannot be moved to another row. */
    private static String associatedData(long caseId) {
        return "postbox/case/" + caseId + "/case-key";
    }
}
