package org.sealbox.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;

import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;

import org.sealbox.App;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.officer.OfficerService;
import org.sealbox.officer.Role;
import org.sealbox.onion.Base32;
import org.sealbox.totp.Totp;

/**
 * A real Sealbox on random loopback ports, with a fresh data directory and fast Argon2id
 * parameters. Close it to stop the server; the directory stays for inspection by the test.
 *
 * <p>It keeps the TOTP secret of {@link #OFFICER}, of every officer created through
 * {@link #createOfficer} and of those registered with {@link #rememberTotpSecret}, so that {@link Officer#login} and
 * {@link RawHttp#login} can type a fresh code. A code works once, so {@link #totpCode} moves the
 * server's clock to the next 30-second step when a log-in already used the steps around now.
 */
public final class TestServer implements AutoCloseable {

    public static final String OFFICER = "olivia";
    public static final String OFFICER_PASSWORD = "correct horse battery staple";
    /**
     * The TOTP secret of {@link #OFFICER} in Base32 (20 bytes). Every test server keeps it, so a
     * server started on a restored or reused data directory can log the officer in too.
     */
    public static final String OFFICER_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /** Running servers by admin port, so that {@link RawHttp#login} finds the TOTP secrets. */
    private static final Map<Integer, TestServer> RUNNING = new ConcurrentHashMap<>();

    private final App app;
    private final Path dataDir;
    private final Clock clock;
    private final Map<String, byte[]> totpSecrets = new ConcurrentHashMap<>();

    private TestServer(App app, Path dataDir, Clock clock) {
        this.app = app;
        this.dataDir = dataDir;
        this.clock = clock;
        totpSecrets.put(OFFICER, Base32.decode(OFFICER_TOTP_SECRET));
        RUNNING.put(app.adminPort(), this);
    }

    /**
     * Starts a server with the given extra settings (keys as in application.yaml). A
     * {@link MutableClock} is used as given; any other clock is wrapped in a {@link ShiftedClock}.
     */
    public static TestServer start(Path dataDir, Map<String, String> settings, Clock clock) throws IOException {
        Clock serverClock = clock instanceof MutableClock ? clock : new ShiftedClock(clock);
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
        return new TestServer(App.start(config, serverClock), dataDir, serverClock);
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
        try (SecretBytes secret = SecretBytes.wrap(Base32.decode(OFFICER_TOTP_SECRET))) {
            server.app.officers().create(OFFICER, OFFICER_PASSWORD, Role.ADMINISTRATOR, secret);
        }
        return server;
    }

    /** Creates an active officer with a new TOTP secret that this server keeps for log-ins; returns the id. */
    public long createOfficer(String username, String password, Role role) throws OfficerService.InvalidAccountException {
        try (SecretBytes secret = Totp.newSecret()) {
            long id = app.officers().create(username, password, role, secret);
            totpSecrets.put(key(username), secret.bytes().clone());
            return id;
        }
    }

    /** Keeps the TOTP secret (Base32, as the enrolment page or the command line shows it) of an officer. */
    public void rememberTotpSecret(String username, String secretText) {
        totpSecrets.put(key(username), Base32.decode(secretText.strip()));
    }

    /**
     * Returns a code that the next log-in of {@code username} accepts: the current step's, or the
     * next step's when the current one was used. When both were used, the server's clock moves
     * forward to the start of the step before the next unused one. For a username without a
     * known secret (e.g. one that does not exist) it returns "000000".
     */
    public String totpCode(String username) {
        byte[] secret = totpSecrets.get(key(username));
        if (secret == null) {
            return "000000";
        }
        long lastUsed = app.database().read(h -> h.createQuery("SELECT totp_last_step FROM officer WHERE username = :username")
                .bind("username", key(username))
                .mapTo(Long.class)
                .findOne()).orElse(Totp.NO_STEP_USED);
        long current = Totp.timeStep(clock.instant());
        long step = Math.max(current, lastUsed + 1);
        if (step > current + 1) {
            Instant previousStepStart = Instant.ofEpochSecond((step - 1) * Totp.TIME_STEP.toSeconds());
            advance(Duration.between(clock.instant(), previousStepStart));
        }
        try (SecretBytes copy = SecretBytes.wrap(secret.clone())) {
            return Totp.code(copy, step);
        }
    }

    /** Returns the server's clock. */
    public Clock clock() {
        return clock;
    }

    /** Moves the server's clock forward. */
    public void advance(Duration duration) {
        if (clock instanceof MutableClock mutable) {
            mutable.advance(duration);
        } else {
            ((ShiftedClock) clock).advance(duration);
        }
    }

    /** Returns the running server whose admin listener has this port. */
    static Optional<TestServer> byAdminPort(int port) {
        return Optional.ofNullable(RUNNING.get(port));
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
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
        RUNNING.remove(app.adminPort(), this);
        app.close();
    }
}
