package org.sealbox.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SealboxConfigTest {

    private static SealboxConfig load(Map<String, String> overrides) {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(new HashMap<>(overrides)))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
        return SealboxConfig.from(config.get("sealbox"));
    }

    @Test
    void defaultsFromApplicationYaml() {
        SealboxConfig config = load(Map.of());

        assertEquals(20_000, config.textMaxChars());
        assertEquals(5L * 1024 * 1024, config.attachmentMaxBytes());
        assertEquals(Duration.ofMinutes(20), config.sessionIdle());
        assertEquals(ZoneId.of("Europe/Berlin"), config.timeZone());
        assertEquals(SealboxConfig.SecureCookie.AUTO, config.secureCookie());
        assertEquals(64L * 1024 * 1024, config.argon2MemoryBytes());
        assertTrue(config.formsFile().isEmpty());
        assertTrue(config.privacyLinks().isEmpty());
    }

    @Test
    void nonNumberNamesKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("sealbox.limits.text-chars", "lots")));

        assertTrue(e.getMessage().contains("sealbox.limits.text-chars"), e.getMessage());
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }

    @Test
    void zeroRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("sealbox.limits.attachment-bytes", "0")));

        assertTrue(e.getMessage().contains("above 0"), e.getMessage());
    }

    @Test
    void unknownTimeZoneRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("sealbox.organisation.time-zone", "Mars/Olympus")));

        assertTrue(e.getMessage().contains("Europe/Berlin"), e.getMessage());
    }

    @Test
    void blankOrganisationRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("sealbox.organisation.name", "  ")));

        assertTrue(e.getMessage().contains("organisation.name"), e.getMessage());
    }

    @Test
    void privacyLinksRead() {
        SealboxConfig config = load(Map.of(
                "sealbox.organisation.privacy-links.0.title", "Privacy notice",
                "sealbox.organisation.privacy-links.0.url", "https://example.org/privacy"));

        assertEquals(1, config.privacyLinks().size());
        assertEquals("https://example.org/privacy", config.privacyLinks().getFirst().url());
    }
}
