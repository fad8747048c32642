package org.sealbox.web;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A server-side session held in memory only.
 *
 * <p>Thread-safe. Values that hold secrets must implement {@link AutoCloseable}; they are closed
 * (and so wiped) when the value is replaced or removed, and when the session ends.
 */
public final class Session {

    private final String id;
    private final String csrfToken;
    private final Instant created;
    private volatile Instant lastAccess;
    private volatile boolean ended;
    private final Map<Key<?>, Object> values = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    /** A typed name for a session value. */
    public record Key<T>(String name, Class<T> type) {
    }

    Session(String id, String csrfToken, Instant now) {
        this.id = id;
        this.csrfToken = csrfToken;
        this.created = now;
        this.lastAccess = now;
    }

    /** The random id sent as the cookie value; never log it. */
    String id() {
        return id;
    }

    /** The token that every POST form of this session must carry. */
    public String csrfToken() {
        return csrfToken;
    }

    public <T> Optional<T> get(Key<T> key) {
        return Optional.ofNullable(values.get(key)).map(key.type()::cast);
    }

    public <T> void put(Key<T> key, T value) {
        closeQuietly(values.put(key, key.type().cast(value)));
    }

    public void remove(Key<?> key) {
        closeQuietly(values.remove(key));
    }

    /**
     * A lock for steps that must not run twice at once for one session, such as turning a
     * review into a case when the browser sends the same POST twice.
     */
    public ReentrantLock lock() {
        return lock;
    }

    public boolean isEnded() {
        return ended;
    }

    Instant created() {
        return created;
    }

    Instant lastAccess() {
        return lastAccess;
    }

    void touch(Instant now) {
        lastAccess = now;
    }

    /** Ends the session and wipes every secret value it holds. */
    void end() {
        ended = true;
        for (Key<?> key : values.keySet()) {
            remove(key);
        }
    }

    private static void closeQuietly(Object value) {
        if (value instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Wiping in-memory secrets does not fail in practice; the value is dropped anyway.
            }
        }
    }

    @Override
    public String toString() {
        return "Session[REDACTED]";
    }
}
