package org.sealbox.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** The redirect every POST ends with on success (POST-redirect-GET), and page-to-page hops. */
public final class Redirects {

    private Redirects() {
    }

    /** Answers 303 See Other to {@code path}, so that a refresh repeats the GET, not the POST. */
    public static void seeOther(ServerResponse res, String path) {
        res.status(Status.SEE_OTHER_303);
        res.headers().set(HeaderValues.create(HeaderNames.LOCATION, path));
        res.send();
    }
}
