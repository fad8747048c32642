package org.sealbox.web;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.storage.Database;

/**
 * {@code GET /health} for monitoring, on the admin listener only: {@code {"status":"UP","database":"UP"}}
 * with 200, or both {@code DOWN} with 503 when a query to the database fails. The body contains
 * no counts, versions or other facts about the installation.
 */
public final class HealthRoutes implements HttpService {

    private static final System.Logger LOG = System.getLogger(HealthRoutes.class.getName());
    private static final byte[] UP = "{\"status\":\"UP\",\"database\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOWN = "{\"status\":\"DOWN\",\"database\":\"DOWN\"}".getBytes(StandardCharsets.UTF_8);

    private final Database database;
    /** Whether the last check passed, so that a failing database is logged once per change, not per poll. */
    private final AtomicBoolean lastUp = new AtomicBoolean(true);

    public HealthRoutes(Database database) {
        this.database = database;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        boolean up = databaseResponds();
        if (lastUp.getAndSet(up) != up) {
            LOG.log(up ? Level.INFO : Level.WARNING, up ? "Health check: the database responds again"
                    : "Health check: a query to the database failed");
        }
        res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.headers().set(HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json"));
        res.send(up ? UP : DOWN);
    }

    private boolean databaseResponds() {
        try {
            return database.read(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
