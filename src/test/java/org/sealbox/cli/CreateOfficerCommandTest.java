package org.sealbox.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.storage.Database;
import org.sealbox.testing.Officer;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code create-officer} with the password on standard input, as a script runs it: it creates an
 * account that can log in, and rejects bad input with a message and a non-zero exit code without
 * creating anything.
 */
class CreateOfficerCommandTest {

    private static final String PASSWORD = "a password for alice";

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private InputStream originalIn;
    private Config config;

    @BeforeEach
    void setUp() {
        originalIn = System.in;
        config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of(
                        "sealbox.data-dir", dataDir.toString(),
                        "sealbox.organisation.name", "Sealbox Test",
                        "sealbox.crypto.argon2-ops", "1",
                        "sealbox.crypto.argon2-memory-mib", "8")))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    @Test
    void createdAccountCanLogIn() throws Exception {
        int exit = run(PASSWORD + "\n", "alice", "--role", "officer");

        assertEquals(0, exit, err());
        assertTrue(out().contains("Officer account 'alice' created (officer)"), out());
        assertEquals(List.of("alice:officer"), accounts());
        Matcher key = Pattern.compile("Key for typing in by hand: ([A-Z2-7]{32})").matcher(out());
        assertTrue(key.find(), out());
        assertTrue(out().contains("otpauth://totp/Sealbox%20Test:alice?secret=" + key.group(1) + "&issuer=Sealbox%20Test"),
                out());
        try (TestServer server = TestServer.start(dataDir, Map.of(), Clock.systemUTC());
             WebClient browser = TestServer.browser()) {
            server.rememberTotpSecret("alice", key.group(1));
            HtmlPage cases = new Officer(browser, server).login("alice", PASSWORD);
            assertEquals(server.adminUrl("/cases"), cases.getUrl().toString(), cases.asNormalizedText());
        }
    }

    @Test
    void administratorRoleIsStored() throws Exception {
        int exit = run(PASSWORD + "\n", "Carol", "--role", "ADMINISTRATOR");

        assertEquals(0, exit, err());
        assertEquals(List.of("carol:administrator"), accounts());
    }

    @Test
    void defaultRoleIsOfficer() throws Exception {
        int exit = run(PASSWORD + "\n", "dave");

        assertEquals(0, exit, err());
        assertEquals(List.of("dave:officer"), accounts());
    }

    @Test
    void duplicateUsernameRejected() throws Exception {
        assertEquals(0, run(PASSWORD + "\n", "alice", "--role", "officer"), err());
        err.reset();

        int exit = run("another password entirely\n", "ALICE", "--role", "administrator");

        assertNotEquals(0, exit);
        assertTrue(err().contains("This username is taken."), err());
        assertEquals(List.of("alice:officer"), accounts());
    }

    @Test
    void invalidUsernameRejected() throws Exception {
        int exit = run(PASSWORD + "\n", "alice smith!", "--role", "officer");

        assertNotEquals(0, exit);
        assertTrue(err().contains("The username must be 2 to 40 characters"), err());
        assertEquals(List.of(), accounts());
    }

    @Test
    void shortPasswordRejected() throws Exception {
        int exit = run("short\n", "alice", "--role", "officer");

        assertNotEquals(0, exit);
        assertTrue(err().contains("The password is too short."), err());
        assertEquals(List.of(), accounts());
    }

    @Test
    void unknownRoleRejected() throws Exception {
        int exit = run(PASSWORD + "\n", "alice", "--role", "superuser");

        assertNotEquals(0, exit);
        assertTrue(err().contains("Unknown role 'superuser'"), err());
        assertTrue(err().contains("administrator or officer"), err());
        assertEquals(List.of(), accounts());
    }

    @Test
    void missingRoleValueRejected() throws Exception {
        int exit = run(PASSWORD + "\n", "alice", "--role");

        assertNotEquals(0, exit);
        assertTrue(err().contains("--role needs a value"), err());
        assertEquals(List.of(), accounts());
    }

    @Test
    void emptyStdinRejected() throws Exception {
        int exit = run("", "alice");

        assertNotEquals(0, exit);
        assertTrue(err().contains("No password on standard input"), err());
        assertEquals(List.of(), accounts());
    }

    @Test
    void missingUsernameShowsUsage() throws Exception {
        int exit = run(PASSWORD + "\n", "--role", "officer");

        assertNotEquals(0, exit);
        assertTrue(err().contains("Usage: sealbox create-officer USERNAME"), err());
    }

    private int run(String stdin, String... args) throws Exception {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CreateOfficerCommand(outStream, errStream).run(config, List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Returns every account as "username:role", in id order. */
    private List<String> accounts() {
        try (Database database = Database.open(dataDir)) {
            return database.read(h -> h.createQuery("SELECT username || ':' || role FROM officer ORDER BY id")
                    .mapTo(String.class)
                    .list());
        }
    }
}
