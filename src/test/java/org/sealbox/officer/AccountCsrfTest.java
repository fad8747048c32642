package org.sealbox.officer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Officer;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every POST of the account and access pages returns 403 and changes nothing when its CSRF token
 * is missing or belongs to another session.
 */
class AccountCsrfTest {

    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");
    private static final String OTHER = "dora";
    private static final String OTHER_PASSWORD = "dora has a long password";
    private static final String NEW_PASSWORD = "a brand new long password";

    @TempDir
    Path dataDir;
    @TempDir
    Path emptyDataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private TestServer server;
    private int port;
    private String admin;
    private String foreignCsrf;
    private long caseId;
    private long otherId;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
        port = server.app().adminPort();
        server.createOfficer(OTHER, OTHER_PASSWORD, Role.OFFICER);
        otherId = AccountSteps.officerId(server, OTHER);
        caseId = SampleReports.caseId(server, SampleReports.sendBreach(server, TestServer.browser(), "CSRF case."));
        admin = RawHttp.login(port, TestServer.OFFICER, TestServer.OFFICER_PASSWORD);
        String other = RawHttp.login(port, OTHER, OTHER_PASSWORD);
        foreignCsrf = AccountSteps.csrf(server, other);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void inviteNeedsToken() throws Exception {
        Map<String, String> fields = Map.of("username", "mallory", "role", "administrator");

        checkRefused("/officers/invite", admin, fields,
                () -> AccountSteps.count(server, "SELECT COUNT(*) FROM officer_invitation"));
    }

    @Test
    void deactivateNeedsToken() throws Exception {
        checkRefused("/officers/" + otherId + "/deactivate", admin, Map.of("confirm", "yes"),
                () -> AccountSteps.count(server, "SELECT COUNT(*) FROM officer WHERE active = 1")
                        + 10 * AccountSteps.caseKeys(server, OTHER));
    }

    @Test
    void withdrawNeedsToken() throws Exception {
        assertEquals(303, RawHttp.postForm(port, "/officers/invite", Map.of("Cookie", admin),
                Map.of("csrf", AccountSteps.csrf(server, admin), "username", "bob", "role", "officer")).status());
        long invitation = AccountSteps.count(server, "SELECT id FROM officer_invitation WHERE username = 'bob'");

        checkRefused("/officers/invitations/" + invitation + "/withdraw", admin, Map.of(),
                () -> AccountSteps.count(server, "SELECT COUNT(*) FROM officer_invitation")
                        + 10 * AccountSteps.audited(server, org.sealbox.audit.AuditLog.OFFICER_INVITE_WITHDRAWN));
    }

    @Test
    void passwordChangeNeedsToken() throws Exception {
        Map<String, String> fields = Map.of("current-password", TestServer.OFFICER_PASSWORD,
                "code", server.totpCode(TestServer.OFFICER), "password", NEW_PASSWORD, "password-confirm", NEW_PASSWORD);

        checkRefused("/account/password", admin, fields, () -> java.util.HexFormat.of().formatHex(
                server.app().database().read(h -> h.createQuery("SELECT wrapped_private_key FROM officer WHERE username = ?")
                        .bind(0, TestServer.OFFICER).mapTo(byte[].class).one())));
    }

    @Test
    void grantNeedsToken() throws Exception {
        server.createOfficer("bob", "bob joined the team later", Role.OFFICER);
        Map<String, String> fields = Map.of("officer", Long.toString(AccountSteps.officerId(server, "bob")));

        checkRefused("/cases/" + caseId + "/access/grant", admin, fields, () -> AccountSteps.caseKeys(server, "bob"));
    }

    @Test
    void excludeNeedsToken() throws Exception {
        Map<String, String> fields = Map.of("officer", Long.toString(otherId), "confirm", "yes");

        checkRefused("/cases/" + caseId + "/access/exclude", admin, fields,
                () -> AccountSteps.caseKeys(server, OTHER) + 10 * AccountSteps.count(server, "SELECT COUNT(*) FROM case_exclusion"));
    }

    @Test
    void activationNeedsToken() throws Exception {
        String link;
        try (WebClient browser = TestServer.browser()) {
            new Officer(browser, server).login();
            link = AccountSteps.invite(browser, server, "bob", "officer");
        }
        String path = link.substring(link.indexOf("/activate/"));
        RawHttp.Response page = RawHttp.get(port, path);
        String cookie = "sealbox_admin=" + page.setCookies().get("sealbox_admin");
        Matcher secret = SECRET.matcher(page.text());
        secret.find();
        Map<String, String> fields = Map.of("password", NEW_PASSWORD, "password-confirm", NEW_PASSWORD,
                "code", AccountSteps.code(server, secret.group(1)));

        checkRefused(path, cookie, fields,
                () -> AccountSteps.count(server, "SELECT COUNT(*) FROM officer WHERE username = 'bob'"));
    }

    @Test
    void setupNeedsToken() throws Exception {
        try (TestServer empty = TestServer.start(emptyDataDir, Map.of(), clock)) {
            String link = empty.app().firstRunLink("127.0.0.1").orElseThrow();
            String path = link.substring(link.indexOf("/setup/"));
            int emptyPort = empty.app().adminPort();
            RawHttp.Response page = RawHttp.get(emptyPort, path);
            String cookie = "sealbox_admin=" + page.setCookies().get("sealbox_admin");
            String foreign = RawHttp.get(emptyPort, "/login").csrf();
            Matcher secret = SECRET.matcher(page.text());
            secret.find();
            Map<String, String> fields = new HashMap<>(Map.of("username", "first-admin", "password", NEW_PASSWORD,
                    "password-confirm", NEW_PASSWORD, "code", AccountSteps.code(empty, secret.group(1))));

            RawHttp.Response missing = RawHttp.postForm(emptyPort, path, Map.of("Cookie", cookie), fields);
            fields.put("csrf", foreign);
            RawHttp.Response wrong = RawHttp.postForm(emptyPort, path, Map.of("Cookie", cookie), fields);

            assertEquals(403, missing.status());
            assertEquals(403, wrong.status());
            assertEquals(false, empty.app().officers().hasOfficers());
        }
    }

    /** Sends the POST without a token and with another session's token; both get 403 and {@code state} stays. */
    private void checkRefused(String path, String cookie, Map<String, String> fields, Supplier<Object> state)
            throws Exception {
        Object before = state.get();
        Map<String, String> withForeign = new HashMap<>(fields);
        withForeign.put("csrf", foreignCsrf);

        RawHttp.Response missing = RawHttp.postForm(port, path, Map.of("Cookie", cookie), fields);
        RawHttp.Response foreign = RawHttp.postForm(port, path, Map.of("Cookie", cookie), withForeign);

        assertEquals(403, missing.status(), missing.text());
        assertEquals(403, foreign.status(), foreign.text());
        assertEquals(before, state.get(), "the state changed");
    }
}
