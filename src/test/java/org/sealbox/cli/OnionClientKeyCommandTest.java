package org.sealbox.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.sealbox.crypto.Sodium;
import org.sealbox.onion.Base32;
import org.sealbox.onion.OnionAddress;
import org.sealbox.testing.Tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The printed lines follow tor's client authorisation format (tor(1) "CLIENT AUTHORIZATION" and
 * rend-spec-v3 appendix G): server {@code descriptor:x25519:<52 Base32 characters>}, client
 * {@code <56-character address>:descriptor:x25519:<52 Base32 characters>}, and the two keys
 * belong together.
 */
class OnionClientKeyCommandTest {

    private static final String KEY = "[A-Z2-7]{52}";
    private static final Pattern AUTH_LINE = Pattern.compile("(?m)^descriptor:x25519:(" + KEY + ")$");
    private static final Pattern PRIVATE_LINE = Pattern.compile(
            "(?m)^([a-z2-7]{56}|<ADMIN-ONION-ADDRESS>):descriptor:x25519:(" + KEY + ")$");
    private static final Pattern BARE_KEY = Pattern.compile("(?m)^(" + KEY + ")$");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new OnionClientKeyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static OnionAddress randomAddress(long seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return OnionAddress.fromPublicKey(key);
    }

    private static String single(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), "no line matching " + pattern + " in:\n" + text);
        String found = m.group(group);
        assertTrue(!m.find(), "more than one line matching " + pattern + " in:\n" + text);
        return found;
    }

    @Test
    void printsBothLinesInTorFormat() {
        OnionAddress address = randomAddress(1);

        assertEquals(0, run("alice", "--onion", address.host()));

        String text = output();
        String publicKey = single(AUTH_LINE, text, 1);
        String label = single(PRIVATE_LINE, text, 1);
        String privateKey = single(PRIVATE_LINE, text, 2);
        assertEquals(address.label(), label);
        assertEquals(privateKey, single(BARE_KEY, text, 1), "the key alone, for Tor Browser's prompt");
        assertNotEquals(publicKey, privateKey);
        assertTrue(text.contains("/var/lib/tor/sealbox-admin/authorized_clients/alice.auth"), text);
        assertTrue(text.contains(address.label() + ".auth_private"), text);
        assertEquals("", errors());
    }

    /** The private key is an X25519 scalar whose public key (crypto_scalarmult_base) is the server's line. */
    @Test
    void privateKeyMatchesPublicKey() {
        assertEquals(0, run("bob", "--onion", randomAddress(2).label()));

        byte[] publicKey = Base32.decode(single(AUTH_LINE, output(), 1));
        byte[] privateKey = Base32.decode(single(PRIVATE_LINE, output(), 2));
        assertEquals(32, publicKey.length);
        assertEquals(32, privateKey.length);
        byte[] derived = new byte[32];
        assertTrue(Sodium.get().lazySodium().cryptoScalarMultBase(derived, privateKey));

        assertArrayEquals(publicKey, derived);
    }

    @Test
    void eachRunMakesNewKeys() {
        assertEquals(0, run("carol"));
        String first = single(AUTH_LINE, output(), 1);
        out.reset();

        assertEquals(0, run("carol"));

        assertNotEquals(first, single(AUTH_LINE, output(), 1));
    }

    @Test
    void withoutAddressPrintsPlaceholder() {
        assertEquals(0, run("dave"));

        assertEquals("<ADMIN-ONION-ADDRESS>", single(PRIVATE_LINE, output(), 1));
        assertTrue(output().contains("Replace <ADMIN-ONION-ADDRESS> with the 56 characters before .onion in"),
                output());
        assertTrue(output().contains("/var/lib/tor/sealbox-admin/hostname"), output());
    }

    @Test
    void readsAddressFromHostnameFile() throws IOException {
        OnionAddress address = randomAddress(3);
        Path hostname = dir.resolve("hostname");
        Files.writeString(hostname, address.host() + "\n");

        assertEquals(0, run("erin", "--hostname-file", hostname.toString()));

        assertEquals(address.label(), single(PRIVATE_LINE, output(), 1));
    }

    @Test
    void missingHostnameFileIsAnError() {
        assertEquals(2, run("erin", "--hostname-file", dir.resolve("absent").toString()));

        assertTrue(errors().contains("Cannot read the hostname file"), errors());
        assertEquals("", output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../alice", "a b", "alice.auth", "älice", "a/b",
            "a-name-of-sixty-five-characters-which-is-one-more-than-the-limit1"})
    void rejectsInvalidName(String name) {
        assertEquals(2, run(name));

        assertTrue(errors().contains("Invalid client name"), errors());
        assertEquals("", output());
    }

    @Test
    void rejectsInvalidAddress() {
        assertEquals(2, run("alice", "--onion", "example.onion"));

        assertTrue(errors().contains("not a version 3 onion address"), errors());
        assertEquals("", output());
    }

    @Test
    void rejectsBothAddressOptions() throws IOException {
        Path hostname = dir.resolve("hostname");
        Files.writeString(hostname, randomAddress(4).host());

        assertEquals(2, run("alice", "--onion", randomAddress(5).label(), "--hostname-file", hostname.toString()));

        assertTrue(errors().contains("not both"), errors());
    }

    @Test
    void rejectsMissingName() {
        assertEquals(2, run());
        assertEquals(2, run("--onion"));

        assertTrue(errors().contains("Usage: sealbox onion-client-key"), errors());
    }

    /**
     * Splits the lines as tor does when it loads them (hs_service.c and hs_client.c): fields
     * separated by ':', auth type "descriptor", key type "x25519", and a key of exactly 52
     * Base32 characters that decodes to 32 bytes.
     */
    @Test
    void linesSplitAsTorParsesThem() {
        byte[] publicKey = new byte[32];
        byte[] privateKey = new byte[32];
        new Random(6).nextBytes(publicKey);
        new Random(7).nextBytes(privateKey);
        OnionAddress address = randomAddress(8);

        OnionClientKeyCommand.ClientKeyLines lines =
                OnionClientKeyCommand.lines(Optional.of(address), publicKey, privateKey);

        String[] server = lines.authLine().split(":", -1);
        assertEquals(3, server.length);
        assertEquals("descriptor", server[0]);
        assertEquals("x25519", server[1]);
        assertArrayEquals(publicKey, Base32.decode(server[2]));
        String[] client = lines.authPrivateLine().split(":", -1);
        assertEquals(4, client.length);
        assertEquals(address.label(), client[0]);
        assertEquals("descriptor", client[1]);
        assertEquals("x25519", client[2]);
        assertEquals(52, client[3].length());
        assertArrayEquals(privateKey, Base32.decode(client[3]));
        assertEquals(client[3], lines.privateKey());
    }

    /**
     * Tor accepts a configuration with the generated NAME.auth in authorized_clients/ and the
     * .auth_private in a ClientOnionAuthDir. NOTE: tor 0.4.9's --verify-config checks the
     * directories and their modes but does not read the key files, and a malformed .auth passes
     * too. The tests above check the format instead, because tor reads the keys only when it
     * runs, and no test here runs tor.
     */
    @Test
    void torVerifiesConfigurationWithKeyFiles() throws Exception {
        Optional<Path> tor = Tools.find("tor");
        assumeTrue(tor.isPresent(), "tor is not installed (apt-get install tor); .ci/run installs it");
        OnionAddress address = randomAddress(9);
        assertEquals(0, run("alice", "--onion", address.label()));

        Path service = privateDir(dir.resolve("hs-admin"));
        Path authorized = privateDir(service.resolve("authorized_clients"));
        Files.writeString(authorized.resolve("alice.auth"), single(AUTH_LINE, output(), 0) + "\n");
        Path clientAuth = privateDir(dir.resolve("client-auth"));
        Files.writeString(clientAuth.resolve(address.label() + ".auth_private"),
                single(PRIVATE_LINE, output(), 0) + "\n");
        Path torrc = dir.resolve("torrc");
        Files.writeString(torrc, String.join("\n",
                "DataDirectory " + privateDir(dir.resolve("data")),
                "SocksPort 0",
                "ClientOnionAuthDir " + clientAuth,
                "HiddenServiceDir " + service,
                "HiddenServicePort 80 127.0.0.1:8081",
                ""));

        Tools.Result result = Tools.torVerifyConfig(tor.get(), torrc);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Configuration was valid"), result.output());
    }

    private static Path privateDir(Path path) throws IOException {
        Files.createDirectories(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }
}
