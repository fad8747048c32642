package org.sealbox.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Adds {@code Onion-Location: <onion address><request path and query>} to every response of the
 * listener it is registered on, including errors and 404s. Tor Browser reads the header on
 * HTTPS pages and offers the same page on the onion service, so a clearnet mirror of the public
 * pages points its visitors to the onion service. App registers it on the public listener only,
 * and only when {@code sealbox.onion-location} is set.
 */
public final class OnionLocationHeader implements Filter {

    static final HeaderName ONION_LOCATION = HeaderNames.create("Onion-Location");

    private final String origin;

    /** {@code origin} is the validated {@code http://<address>.onion}, without a trailing slash. */
    public OnionLocationHeader(String origin) {
        this.origin = origin;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.headers().set(HeaderValues.create(ONION_LOCATION, origin + target(req)));
        chain.proceed();
    }

    /**
     * Returns the path and query as the client sent them. A target with characters outside
     * printable ASCII is replaced by {@code /}, so nothing unusual from a request line is ever
     * echoed into a header.
     */
    private static String target(RoutingRequest req) {
        String path = req.prologue().uriPath().rawPath();
        String query = req.prologue().query().rawValue();
        String target = query.isEmpty() ? path : path + "?" + query;
        if (!target.startsWith("/")) {
            return "/";
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return "/";
            }
        }
        return target;
    }
}
