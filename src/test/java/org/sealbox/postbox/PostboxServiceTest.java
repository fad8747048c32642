package org.sealbox.postbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.crypto.DecryptionException;
import org.sealbox.crypto.KdfParams;
import org.sealbox.crypto.PasswordKdf;
import org.sealbox.crypto.PasswordWrap;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.crypto.WrappedKey;
import org.sealbox.officer.OfficerService;
import org.sealbox.officer.Role;
import org.sealbox.report.ReportDraft;
import org.sealbox.report.ReportKind;
import org.sealbox.report.ReportService;
import org.sealbox.storage.AttachmentFiles;
import org.sealbox.storage.Database;
import org.sealbox.storage.KeyFile;
import org.sealbox.testing.MutableClock;
import org.sealbox.totp.Totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Postbox set-up and log-in against a real SQLite file and real libsodium. */
class PostboxServiceTest {

    private static final String STRONG = "orbit lantern cactus meadow";
    private static final KdfParams FAST = new KdfParams(1, 8 * 1024 * 1024);

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T09:00:00Z"));
    private Database database;
    private ReportService reports;
    private PasswordKdf kdf;
    private PostboxService postboxes;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dataDir);
        kdf = new PasswordKdf(2);
        new OfficerService(database, kdf, FAST, Clock.systemUTC())
                .create("olivia", "correct horse battery staple", Role.ADMINISTRATOR, Totp.newSecret());
        reports = new ReportService(database, new AttachmentFiles(dataDir), clock);
        postboxes = new PostboxService(database, kdf, FAST, KeyFile.loadOrCreate(dataDir),
                new LoginThrottle(clock, LoginThrottle.PER_ACCOUNT, LoginThrottle.GLOBAL));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private ReportService.Submitted newCase() throws Exception {
        return reports.submit(new ReportDraft(ReportKind.BREACH, Map.of(), "details", Optional.empty()));
    }

    private PostboxService.SetupResult setUp(ReportService.Submitted submitted, String pseudonym, String password) {
        return postboxes.setUp(submitted.caseId(), submitted.caseKeys(), pseudonym, password, List.of(), Locale.ENGLISH);
    }

    @Test
    void loginOpensExactlyItsCase() throws Exception {
        ReportService.Submitted first = newCase();
        ReportService.Submitted second = newCase();
        assertInstanceOf(PostboxService.Created.class, setUp(first, "Blue Heron", STRONG));
        assertInstanceOf(PostboxService.Created.class, setUp(second, "red fox", STRONG));

        var loggedIn = assertInstanceOf(PostboxService.LoggedIn.class, postboxes.login(" blue HERON ", STRONG));

        assertEquals(first.caseId(), loggedIn.postbox().caseId());
        assertEquals(first.reference(), loggedIn.postbox().reference());
        assertArrayEquals(first.caseKeys().publicKey(), loggedIn.postbox().caseKeys().publicKey());
    }

    @Test
    void lookAlikePseudonymTaken() throws Exception {
        assertInstanceOf(PostboxService.Created.class, setUp(newCase(), "Alice", STRONG));

        var rejected = assertInstanceOf(PostboxService.Rejected.class, setUp(newCase(), " ＡＬＩＣＥ ", STRONG));

        assertEquals("postbox.error.pseudonym-taken", rejected.messageKey());
    }

    @Test
    void secondPostboxForCaseRefused() throws Exception {
        ReportService.Submitted submitted = newCase();
        setUp(submitted, "first name", STRONG);

        var rejected = assertInstanceOf(PostboxService.Rejected.class, setUp(submitted, "second name", STRONG));

        assertEquals("postbox.error.already-set-up", rejected.messageKey());
    }

    @Test
    void concurrentSetupsOneWins() throws Exception {
        List<ReportService.Submitted> cases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cases.add(newCase());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PostboxService.SetupResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(cases.size())) {
            for (ReportService.Submitted submitted : cases) {
                results.add(pool.submit(() -> {
                    start.await();
                    return setUp(submitted, "same moment", STRONG);
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<PostboxService.SetupResult> result : results) {
                if (result.get() instanceof PostboxService.Created) {
                    created++;
                } else {
                    assertEquals("postbox.error.pseudonym-taken",
                            ((PostboxService.Rejected) result.get()).messageKey());
                }
            }
            assertEquals(1, created);
        }
        int rows = database.read(h -> h.createQuery("SELECT COUNT(*) FROM postbox").mapTo(Integer.class).one());
        assertEquals(1, rows);
    }

    @Test
    void weakPasswordRejectedWithHints() throws Exception {
        var rejected = assertInstanceOf(PostboxService.Rejected.class, setUp(newCase(), "someone", "password1234"));

        assertEquals("password", rejected.field());
        assertEquals("postbox.error.password-weak", rejected.messageKey());
        assertFalse(rejected.hints().isEmpty());
    }

    @Test
    void passwordIsUtf8Bytes() throws Exception {
        String password = "Grüße aus Köln, 東京 und Ωmega";
        ReportService.Submitted submitted = newCase();
        setUp(submitted, "unicode user", password);
        var row = database.read(h -> h.createQuery("SELECT key_salt, key_ops, key_memory, wrapped_case_key FROM postbox")
                .map((rs, ctx) -> new WrappedKey(rs.getBytes(1), new KdfParams(rs.getLong(2), rs.getLong(3)), rs.getBytes(4)))
                .one());
        String ad = "postbox/case/" + submitted.caseId() + "/case-key";

        SecretBytes key = PasswordWrap.unwrap(kdf, row, password.getBytes(StandardCharsets.UTF_8), ad);
        assertTrue(key.sameAs(submitted.caseKeys().privateKey()), "the wrapped key is the case key under UTF-8 bytes");
        assertThrows(DecryptionException.class,
                () -> PasswordWrap.unwrap(kdf, row, password.getBytes(StandardCharsets.ISO_8859_1), ad));
        assertInstanceOf(PostboxService.LoggedIn.class, postboxes.login("unicode user", password));
    }

    @Test
    void unknownAndWrongCostSameWork() throws Exception {
        setUp(newCase(), "known person", STRONG);
        long before = kdf.derivationsCompleted();

        var unknown = postboxes.login("nobody here", STRONG);
        long afterUnknown = kdf.derivationsCompleted();
        var wrong = postboxes.login("known person", "not the password at all");
        long afterWrong = kdf.derivationsCompleted();
        var invalid = postboxes.login("x", "whatever it is");
        long afterInvalid = kdf.derivationsCompleted();

        assertInstanceOf(PostboxService.Failed.class, unknown);
        assertInstanceOf(PostboxService.Failed.class, wrong);
        assertInstanceOf(PostboxService.Failed.class, invalid);
        assertEquals(1, afterUnknown - before);
        assertEquals(1, afterWrong - afterUnknown);
        assertEquals(1, afterInvalid - afterWrong);
    }

    @Test
    void guessingThrottledPerPseudonym() throws Exception {
        setUp(newCase(), "target person", STRONG);
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(PostboxService.Failed.class, postboxes.login("target person", "guess number " + i));
        }
        long before = kdf.derivationsCompleted();

        var throttled = assertInstanceOf(PostboxService.Throttled.class, postboxes.login("Target Person", STRONG));

        assertEquals(clock.instant().plusSeconds(2), throttled.retryAt());
        assertEquals(before, kdf.derivationsCompleted(), "a throttled attempt runs no Argon2id");
        assertInstanceOf(PostboxService.Throttled.class, postboxes.login("target person", STRONG),
                "even the right password waits");
        clock.advance(java.time.Duration.ofSeconds(2));
        assertInstanceOf(PostboxService.LoggedIn.class, postboxes.login("target person", STRONG));
    }

    @Test
    void keyFileCreatedOwnerOnly() throws Exception {
        Path file = dataDir.resolve(KeyFile.FILE_NAME);

        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Files.size(file));
        try (SecretBytes again = KeyFile.loadOrCreate(dataDir)) {
            assertArrayEquals(Files.readAllBytes(file), again.bytes(), "the same pepper after a restart");
        }
    }

    @Test
    void noPseudonymStored() throws Exception {
        setUp(newCase(), "Distinctive Pseudonym 42", STRONG);
        database.close();

        for (Path file : Files.list(dataDir).toList()) {
            if (Files.isRegularFile(file)) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                assertFalse(bytes.contains("distinctive pseudonym"), "pseudonym in " + file);
            }
        }
        database = Database.open(dataDir);
    }
}
