package org.sealbox.web;

import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * Renders Mustache templates from {@code templates/} into HTML responses.
 *
 * <p>Every template sees, besides its own model: {@code t} (a section lambda that looks a key
 * up in the message bundle, HTML-escaped: {@code {{#t}}landing.title{{/t}}}), {@code org}
 * (the organisation's name) and {@code lang}. Mustache escapes every {@code {{value}}}.
 * Thread-safe; compiled templates are cached.
 */
public final class Pages {

    private final MustacheFactory factory = new DefaultMustacheFactory("templates");
    private final Map<String, Mustache> cache = new ConcurrentHashMap<>();
    private final Messages messages;
    private final String organisationName;

    public Pages(Messages messages, String organisationName) {
        this.messages = messages;
        this.organisationName = organisationName;
    }

    public Messages messages() {
        return messages;
    }

    /** Renders {@code template} with {@code model} into a string. */
    public String render(String template, Map<String, ?> model) {
        Map<String, Object> scope = new HashMap<>(model);
        scope.put("t", (Function<String, String>) key -> Html.escape(messages.get(key.strip())));
        scope.put("org", organisationName);
        scope.put("lang", messages.locale().getLanguage());

        Mustache mustache = cache.computeIfAbsent(template, name -> factory.compile(name + ".mustache"));
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, scope).flush();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Sends {@code template} as an HTML page with {@code status}. */
    public void send(ServerResponse res, Status status, String template, Map<String, ?> model) {
        String html = render(template, model);
        res.status(status);
        res.headers().set(HeaderValues.create("Content-Type", "text/html; charset=UTF-8"));
        res.send(html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public void send(ServerResponse res, String template, Map<String, ?> model) {
        send(res, Status.OK_200, template, model);
    }
}
