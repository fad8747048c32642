package org.sealbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.helidon.config.Config;
import io.helidon.http.BadRequestException;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

import org.sealbox.api.OfficerApi;
import org.sealbox.audit.AuditLog;
import org.sealbox.audit.AuditRoutes;
import org.sealbox.challenge.ChallengeService;
import org.sealbox.casework.CaseClock;
import org.sealbox.casework.Casework;
import org.sealbox.config.SealboxConfig;
import org.sealbox.crypto.KdfParams;
import org.sealbox.crypto.PasswordKdf;
import org.sealbox.crypto.Sodium;
import org.sealbox.internal.InternalWorkspace;
import org.sealbox.officer.Accounts;
import org.sealbox.officer.CaseAccess;
import org.sealbox.officer.CaseReader;
import org.sealbox.officer.FirstRunSetup;
import org.sealbox.officer.OfficerRoutes;
import org.sealbox.officer.OfficerService;
import org.sealbox.officer.OfficerSessions;
import org.sealbox.challenge.ChallengeViews;
import org.sealbox.postbox.Conversation;
import org.sealbox.postbox.LoginThrottle;
import org.sealbox.postbox.PostboxApi;
import org.sealbox.postbox.PostboxRoutes;
import org.sealbox.postbox.PostboxService;
import org.sealbox.report.AttachmentUploads;
import org.sealbox.report.FormCatalog;
import org.sealbox.report.ReportRoutes;
import org.sealbox.report.ReportService;
import org.sealbox.retention.CasePurge;
import org.sealbox.retention.RetentionPolicy;
import org.sealbox.storage.AttachmentFiles;
import org.sealbox.storage.Database;
import org.sealbox.storage.KeyFile;
import org.sealbox.web.ErrorPages;
import org.sealbox.web.HealthRoutes;
import org.sealbox.web.Messages;
import org.sealbox.web.OnionLocationHeader;
import org.sealbox.web.Pages;
import org.sealbox.web.SecurityHeaders;
import org.sealbox.web.SessionCookies;
import org.sealbox.web.SessionStore;

/**
 * Wires Sealbox together by hand and runs its two listeners: the public one (reporter pages) and
 * the admin one (officer pages). Routes of one listener are never registered on the other.
 * Tests start the very same server with ports 0.
 */
public final class App implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(App.class.getName());
    static final String ADMIN_SOCKET = "admin";
    private static final int MAX_SESSIONS = 10_000;

    private final SealboxConfig config;
    private final Database database;
    private final OfficerService officers;
    private final FirstRunSetup setup;
    private final SessionStore publicSessions;
    private final SessionStore adminSessions;
    private final SessionStore apiTokens;
    private final SessionStore officerApiTokens;
    private final ScheduledExecutorService maintenance;
    private final WebServer server;

    private App(Config root, Clock clock) throws IOException {
        this.config = SealboxConfig.from(root.get("sealbox"));
        RetentionPolicy retention = RetentionPolicy.from(root.get("sealbox"));
        Path dataDir = prepareDataDir(config.dataDir());
        Sodium.useNativeDirectory(dataDir);
        Sodium.get();
        this.database = Database.open(dataDir);
        AttachmentFiles files = new AttachmentFiles(dataDir);
        FormCatalog forms = FormCatalog.load(config.formsFile());

        PasswordKdf kdf = new PasswordKdf(config.argon2MaxConcurrent());
        KdfParams params = new KdfParams(config.argon2Ops(), config.argon2MemoryBytes());
        this.officers = new OfficerService(database, kdf, params, clock);
        this.setup = new FirstRunSetup();
        CaseClock caseClock = new CaseClock(config.timeZone());
        ReportService reports = new ReportService(database, files, clock, caseClock);

        this.publicSessions = new SessionStore(clock, config.sessionIdle(), config.sessionAbsolute(), MAX_SESSIONS);
        this.adminSessions = new SessionStore(clock, config.sessionIdle(), config.sessionAbsolute(), MAX_SESSIONS);
        this.apiTokens = new SessionStore(clock, config.sessionIdle(), config.sessionAbsolute(), MAX_SESSIONS);
        this.officerApiTokens = new SessionStore(clock, config.sessionIdle(), config.sessionAbsolute(), MAX_SESSIONS);
        Pages pages = new Pages(Messages.forLocale(Locale.ENGLISH), config.organisationName());

        SessionCookies publicCookies = new SessionCookies(publicSessions, "sealbox", config.secureCookie());
        ChallengeService challenges = new ChallengeService(clock);
        Conversation conversation = new Conversation(database, files, clock);
        PostboxService postboxes = new PostboxService(database, kdf, params, KeyFile.loadOrCreate(dataDir),
                new LoginThrottle(clock, LoginThrottle.PER_ACCOUNT, LoginThrottle.GLOBAL));
        ReportRoutes reportRoutes = new ReportRoutes(pages, publicCookies, challenges, forms, reports, files, config);
        PostboxRoutes postboxRoutes = new PostboxRoutes(pages, publicCookies,
                new ChallengeViews(challenges, pages.messages()), postboxes, conversation,
                new AttachmentUploads(files, pages.messages(), config.attachmentMaxBytes()), forms,
                config.organisationName(), config.textMaxChars());
        PostboxApi postboxApi = new PostboxApi(apiTokens, postboxes, conversation, config.textMaxChars(),
                config.sessionIdle(), clock);
        SessionCookies adminCookies = new SessionCookies(adminSessions, "sealbox_admin", config.secureCookie());
        OfficerSessions officerSessions = new OfficerSessions(adminCookies);
        AuditLog audit = new AuditLog(database, clock);
        OfficerRoutes officerRoutes = new OfficerRoutes(pages, adminCookies, new CaseReader(database, conversation),
                forms, config.timeZone(), conversation, config.textMaxChars(), audit);
        // Every service of the admin listener; none of them is registered on the public one.
        List<HttpService> adminServices = new ArrayList<>();
        adminServices.add(officerRoutes);
        adminServices.addAll(Casework.install(officerRoutes, pages, officerSessions, database, audit, conversation,
                caseClock, root.get("sealbox"), config.textMaxChars(), clock));
        adminServices.add(new HealthRoutes(database));
        adminServices.addAll(Accounts.install(officerRoutes, pages, officerSessions, officers, setup, database, audit,
                config.organisationName(), config.timeZone(), clock));
        adminServices.add(new AuditRoutes(pages, officerSessions, audit, config.timeZone()));
        adminServices.add(new OfficerApi(officerApiTokens, officers, new CaseAccess(database, audit),
                new CaseReader(database, conversation), conversation,
                Casework.workflow(pages, database, audit, conversation, caseClock, root.get("sealbox"),
                        config.textMaxChars(), clock),
                database, caseClock, audit, clock, config.textMaxChars(), config.sessionIdle()));
        adminServices.addAll(InternalWorkspace.install(officerRoutes, pages, adminCookies, database, audit,
                new CaseReader(database, conversation), forms, config,
                root.get("sealbox.organisation.contact").asString().orElse(""), clock));

        this.server = WebServer.builder()
                .config(root.get("server"))
                .directHandlers(SecurityHeaders.directHandlers())
                .routing(routing -> {
                    publicRouting(routing, reportRoutes, postboxRoutes, postboxApi, new ErrorPages(pages, "/", "message"));
                    // Public listener only: officers reach the admin pages through their own onion service.
                    config.onionLocation().ifPresent(origin -> routing.addFilter(new OnionLocationHeader(origin)));
                })
                .putSocket(ADMIN_SOCKET, ListenerConfig.builder()
                        .config(root.get("admin"))
                        .name(ADMIN_SOCKET)
                        .directHandlers(SecurityHeaders.directHandlers())
                        .routing(routing -> adminRouting(routing, adminServices,
                                new ErrorPages(pages, "/cases", "admin-message")))
                        .build())
                .build();

        this.maintenance = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("maintenance").factory());
        Duration draftLifetime = config.sessionAbsolute().plusHours(1);
        maintenance.scheduleWithFixedDelay(() -> sweep(files, draftLifetime, clock), 1, 1, TimeUnit.MINUTES);
        // Daily retention purge. The first run comes soon after start, so a server restarted every day still purges.
        CasePurge purge = new CasePurge(database, files, retention, clock);
        maintenance.scheduleAtFixedRate(purge::purgeAndLogFailure, 5, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    }

    /**
     * Builds and starts Sealbox.
     *
     * @throws org.sealbox.config.ConfigException for invalid settings
     */
    public static App start(Config root, Clock clock) throws IOException {
        App app = new App(root, clock);
        app.server.start();
        LOG.log(Level.INFO, "Sealbox started: public listener on port {0}, admin listener on port {1}",
                Integer.toString(app.publicPort()), Integer.toString(app.adminPort()));
        return app;
    }

    static void publicRouting(HttpRouting.Builder routing, ReportRoutes reports, PostboxRoutes postboxes,
                              PostboxApi postboxApi, ErrorPages errors) {
        routing.addFilter(new SecurityHeaders())
                .register("/static", staticFiles())
                .register(reports)
                .register(postboxes)
                .register(postboxApi)
                .error(BadRequestException.class, errors.badRequest())
                .error(SessionStore.TooManySessionsException.class, errors.busy())
                .error(Throwable.class, errors.unexpected());
        errors.registerFallback(routing);
    }

    static void adminRouting(HttpRouting.Builder routing, List<HttpService> services, ErrorPages errors) {
        routing.addFilter(new SecurityHeaders())
                .register("/static", staticFiles());
        services.forEach(routing::register);
        routing.error(BadRequestException.class, errors.badRequest())
                .error(SessionStore.TooManySessionsException.class, errors.busy())
                .error(Throwable.class, errors.unexpected());
        errors.registerFallback(routing);
    }

    private static HttpService staticFiles() {
        return StaticContentFeature.createService(ClasspathHandlerConfig.create("static"));
    }

    /**
     * Returns a one-time setup link for the first officer while none exists, for the console.
     * Empty once an officer exists.
     */
    public Optional<String> firstRunLink(String adminHost) {
        if (officers.hasOfficers()) {
            setup.revoke();
            return Optional.empty();
        }
        String token = setup.current().orElseGet(setup::issue);
        return Optional.of("http://" + adminHost + ":" + adminPort() + "/setup/" + token);
    }

    public int publicPort() {
        return server.port();
    }

    public int adminPort() {
        return server.port(ADMIN_SOCKET);
    }

    public SealboxConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public OfficerService officers() {
        return officers;
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
        server.stop();
        publicSessions.clear();
        adminSessions.clear();
        apiTokens.clear();
        officerApiTokens.clear();
        database.close();
        LOG.log(Level.INFO, "Sealbox stopped");
    }

    private void sweep(AttachmentFiles files, Duration draftLifetime, Clock clock) {
        try {
            publicSessions.sweep();
            adminSessions.sweep();
            apiTokens.sweep();
            officerApiTokens.sweep();
            files.deleteStaleDrafts(draftLifetime, clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Maintenance failed: " + ErrorPages.describe(e));
        }
    }

    /** Creates the data directory readable by the service user only. */
    private static Path prepareDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            try {
                Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                LOG.log(Level.WARNING, "The file system has no POSIX permissions; restrict the data directory by hand");
            }
            return dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
