package org.sealbox.officer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.sealbox.crypto.Sodium;

/**
 * The one-time token of the first-run setup link, which lets the first officer (an
 * administrator) create an account while no officer exists. Held in memory only: a restart
 * prints a new link. Thread-safe; a token works once.
 */
public final class FirstRunSetup {

    private final AtomicReference<String> token = new AtomicReference<>();

    /** Creates a new token and returns it. */
    public String issue() {
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(Sodium.get().randomBytes(32));
        token.set(fresh);
        return fresh;
    }

    /** Whether {@code candidate} is the live token, compared in constant time. */
    public boolean matches(String candidate) {
        String live = token.get();
        return live != null && candidate != null
                && MessageDigest.isEqual(live.getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }

    /** Uses the token up if {@code candidate} is it; only one caller can succeed. */
    public boolean consume(String candidate) {
        String live = token.get();
        return matches(candidate) && token.compareAndSet(live, null);
    }

    /** Puts a consumed token back, when the account it was used for could not be created. */
    public void restore(String consumed) {
        token.compareAndSet(null, consumed);
    }

    /** Withdraws the token, e.g. when an officer was created another way. */
    public void revoke() {
        token.set(null);
    }

    public Optional<String> current() {
        return Optional.ofNullable(token.get());
    }
}
