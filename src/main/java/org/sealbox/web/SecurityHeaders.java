package org.sealbox.web;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Adds the security headers to every response of a listener, including errors and 404s.
 *
 * <p>The policy allows no script at all, styles and images only from this origin, forms only to
 * this origin, and no framing. Responses are {@code no-store} except the stylesheet under
 * {@code /static/}, which holds nothing about any case.
 */
public final class SecurityHeaders implements Filter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), "
            + "display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), "
            + "magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), "
            + "publickey-credentials-get=(), screen-wake-lock=(), sync-xhr=(), usb=(), "
            + "xr-spatial-tracking=(), clipboard-read=(), clipboard-write=(), interest-cohort=()";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        var headers = res.headers();
        addPolicies(headers);
        if (req.path().path().startsWith("/static/")) {
            headers.set(HeaderValues.create(HeaderNames.CACHE_CONTROL, "max-age=3600"));
        } else {
            headers.set(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store"));
            headers.set(HeaderValues.create(HeaderNames.PRAGMA, "no-cache"));
        }
        chain.proceed();
    }

    /**
     * Handlers for the responses that Helidon's HTTP layer sends itself, before routing and so
     * before {@link #filter}: the 400 for an unparsable path, header or host, the 413 and others.
     * They get the same headers, {@code no-store}, and no text from the exception.
     */
    public static DirectHandlers directHandlers() {
        DirectHandler handler = (request, eventType, status, headers, message) -> {
            addPolicies(headers);
            headers.set(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store"));
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .keepAlive(eventType.keepAlive())
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType eventType : DirectHandler.EventType.values()) {
            builder.addHandler(eventType, handler);
        }
        return builder.build();
    }

    private static void addPolicies(ServerResponseHeaders headers) {
        headers.set(HeaderValues.create("Content-Security-Policy", CONTENT_SECURITY_POLICY));
        headers.set(HeaderValues.create("Referrer-Policy", "no-referrer"));
        headers.set(HeaderValues.create("X-Content-Type-Options", "nosniff"));
        headers.set(HeaderValues.create("X-Frame-Options", "DENY"));
        headers.set(HeaderValues.create("Cross-Origin-Opener-Policy", "same-origin"));
        headers.set(HeaderValues.create("Cross-Origin-Resource-Policy", "same-origin"));
        headers.set(HeaderValues.create("Permissions-Policy", PERMISSIONS_POLICY));
        headers.remove(HeaderNames.SERVER);
    }
}
