package org.sealbox.web;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The one-time tokens of the forms a session has already acted on, so that a repeated POST of
 * the same form (a double click, a refresh, a retry) stores nothing the second time. Keeps the
 * newest {@link #MAX_TOKENS}. Thread-safe.
 */
public final class SubmissionTokens {

    static final int MAX_TOKENS = 100;

    private final Set<String> tokens = new LinkedHashSet<>();

    /** Records {@code token}; returns false when it is empty or was recorded before. */
    public synchronized boolean firstUse(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        if (tokens.size() >= MAX_TOKENS) {
            tokens.remove(tokens.iterator().next());
        }
        return tokens.add(token);
    }
}
