package org.sealbox.retention;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.config.ConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing of {@code sealbox.retention} and which rule decides for a case. */
class RetentionPolicyTest {

    private static final long RECEIVED = Instant.parse("2026-01-01T10:00:00Z").getEpochSecond();

    @TempDir
    Path dir;

    @Test
    void builtInRulesKeepNewCases() {
        Config builtIn = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
        RetentionPolicy policy = RetentionPolicy.from(builtIn.get("sealbox"));

        assertEquals(2, policy.rules().size());
        assertEquals(1095, policy.ruleFor("breach", "closed").orElseThrow().days());
        assertEquals(365, policy.ruleFor("request", "closed").orElseThrow().days());
        assertTrue(policy.ruleFor("breach", "new").isEmpty(), "a new case has no rule");
        assertFalse(policy.isExpired("breach", "new", RECEIVED, Instant.parse("2100-01-01T00:00:00Z")));
    }

    @Test
    void mostSpecificRuleDecides() {
        RetentionPolicy policy = new RetentionPolicy(List.of(
                new RetentionPolicy.Rule("any", "any", 7),
                new RetentionPolicy.Rule("breach", "any", 100),
                new RetentionPolicy.Rule("breach", "closed", 1000)));

        assertEquals(1000, policy.ruleFor("breach", "closed").orElseThrow().days());
        assertEquals(100, policy.ruleFor("breach", "new").orElseThrow().days());
        assertEquals(7, policy.ruleFor("request", "closed").orElseThrow().days());
    }

    @Test
    void expiresWhenDaysHavePassedSinceReceivedHour() {
        RetentionPolicy policy = new RetentionPolicy(List.of(new RetentionPolicy.Rule("request", "new", 30)));
        Instant due = Instant.ofEpochSecond(RECEIVED).plus(Duration.ofDays(30));

        assertFalse(policy.isExpired("request", "new", RECEIVED, due.minusSeconds(1)));
        assertTrue(policy.isExpired("request", "new", RECEIVED, due));
        assertFalse(policy.isExpired("breach", "new", RECEIVED, due), "other kind");
        assertFalse(policy.isExpired("request", "closed", RECEIVED, due), "other status");
    }

    @Test
    void emptyListKeepsEverything() throws Exception {
        RetentionPolicy policy = RetentionPolicy.from(settings("sealbox:\n  retention: []\n"));

        assertTrue(policy.rules().isEmpty());
    }

    @Test
    void invalidRulesAreRejectedWithKey() throws Exception {
        assertRejected("kind: report\n      status: any\n      days: 5", "sealbox.retention[0].kind is 'report'");
        assertRejected("kind: any\n      status: \"\"\n      days: 5", "sealbox.retention[0].status is ''");
        assertRejected("kind: any\n      status: closed\n      days: soon", "sealbox.retention[0].days is 'soon'");
        assertRejected("kind: any\n      status: closed\n      days: 0", "sealbox.retention[0].days is 0");
        assertRejected("kind: any\n      status: closed\n      days: 5\n    - kind: any\n      status: closed\n      days: 9",
                "two rules for kind any and status closed");
    }

    private void assertRejected(String rule, String expected) throws Exception {
        Config sealbox = settings("sealbox:\n  retention:\n    - " + rule + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> RetentionPolicy.from(sealbox));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private Config settings(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "retention", ".yaml");
        Files.writeString(file, yaml);
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.file(file))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build()
                .get("sealbox");
    }
}
