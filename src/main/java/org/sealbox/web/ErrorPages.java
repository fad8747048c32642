package org.sealbox.web;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

import io.helidon.http.BadRequestException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerResponse;

/**
 * Generic error pages: no stack trace and no exception text ever reaches the client, and the
 * log gets the exception's types and stack frames but not its messages, which may quote input.
 */
public final class ErrorPages {

    private static final System.Logger LOG = System.getLogger(ErrorPages.class.getName());

    private final Pages pages;
    private final String homePath;
    private final String template;

    /**
     * @param homePath where the error page links to
     * @param template the message template of the listener
     */
    public ErrorPages(Pages pages, String homePath, String template) {
        this.pages = pages;
        this.homePath = homePath;
        this.template = template;
    }

    /** A route for everything no other route matched: a 404 page. Register it last. */
    public void registerFallback(HttpRules rules) {
        rules.any((req, res) -> send(res, Status.NOT_FOUND_404, "error.404"));
    }

    public ErrorHandler<BadRequestException> badRequest() {
        return (req, res, e) -> send(res, Status.BAD_REQUEST_400, "error.400");
    }

    public ErrorHandler<SessionStore.TooManySessionsException> busy() {
        return (req, res, e) -> {
            LOG.log(Level.WARNING, "Session store full; answered 503");
            send(res, Status.SERVICE_UNAVAILABLE_503, "error.503");
        };
    }

    public ErrorHandler<Throwable> unexpected() {
        return (req, res, e) -> {
            LOG.log(Level.ERROR, "Request failed: " + describe(e));
            send(res, Status.INTERNAL_SERVER_ERROR_500, "error.500");
        };
    }

    /** Renders {@code key}'s text as an error page, unless the response is already on its way. */
    public void send(ServerResponse res, Status status, String key) {
        if (res.isSent()) {
            return;
        }
        // Also under /static/, where the filter lets successful responses be cached.
        res.headers().set(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store"));
        Messages messages = pages.messages();
        pages.send(res, status, template, Map.of(
                "title", messages.has("error.title." + status.code()) ? messages.get("error.title." + status.code())
                        : messages.get("error.title"),
                "paragraphs", List.of(messages.get(key)),
                "link", Map.of("href", homePath, "text", messages.get("site.home"))));
    }

    /** The exception chain as type names and stack frames, without messages. */
    public static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t == error ? "" : "\ncaused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                out.append("\n\tat ").append(frames[i]);
            }
        }
        return out.toString();
    }

}
