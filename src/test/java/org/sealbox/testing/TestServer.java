package org.sealbox.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;

import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;

import org.sealbox.App;
import org.sealbox.officer.Role;

/**
 * A real Sealbox on random loopback ports, with a fresh data directory and fast Argon2id
 * parameters. Close it to stop the server; the directory stays for inspection by the test.
 */
public final class TestServer implements AutoCloseable {

    public static final String OFFICER = "olivia";
    public static final String OFFICER_PASSWORD = "correct horse battery staple";

    private final App app;
    private final Path dataDir;

    private TestServer(App app, Path dataDir) {
        this.app = app;
        this.dataDir = dataDir;
    }

    /** Starts a server with the given extra settings (keys as in application.yaml). */
    public static TestServer start(Path dataDir, Map<String, String> settings, Clock clock) throws IOException {
        LogConfig.configureRuntime();
        Files.createDirectories(dataDir);
        Map<String, String> values = new HashMap<>();
        values.put("server.port", "0");
        values.put("admin.port", "0");
        values.put("sealbox.data-dir", dataDir.toString());
        values.put("sealbox.organisation.name", "Acme Test GmbH");
        values.put("sealbox.crypto.argon2-ops", "1");
        values.put("sealbox.crypto.argon2-memory-mib", "8");
        values.putAll(settings);
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
        return new TestServer(App.start(config, clock), dataDir);
    }

    public static TestServer start(Path dataDir) throws IOException {
        return start(dataDir, Map.of(), Clock.systemUTC());
    }

    /** Starts a server that already has one administrator, {@link #OFFICER}. */
    public static TestServer startWithOfficer(Path dataDir) throws Exception {
        return startWithOfficer(dataDir, Map.of(), Clock.systemUTC());
    }

    /** Starts a server with settings and a clock that already has one administrator, {@link #OFFICER}. */
    public static TestServer startWithOfficer(Path dataDir, Map<String, String> settings, Clock clock) throws Exception {
        TestServer server = start(dataDir, settings, clock);
        server.app.officers().create(OFFICER, OFFICER_PASSWORD, Role.ADMINISTRATOR);
        return server;
    }

    public App app() {
        return app;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String publicUrl(String path) {
        return "http://127.0.0.1:" + app.publicPort() + path;
    }

    public String adminUrl(String path) {
        return "http://127.0.0.1:" + app.adminPort() + path;
    }

    /** A browser with JavaScript and CSS off that does not throw on 4xx and 5xx answers. */
    public static WebClient browser() {
        WebClient client = new WebClient(BrowserVersion.FIREFOX);
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setRedirectEnabled(true);
        return client;
    }

    @Override
    public void close() {
        app.close();
    }
}
