package org.sealbox.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.sealbox.config.SealboxConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/sealbox.yaml: valid, with the production data directory, and covering every built-in setting. */
class ProductionSettingsTest {

    private static final Path PRODUCTION = Path.of("deploy/sealbox.yaml");
    private static final Path BUILT_IN = Path.of("src/main/resources/application.yaml");

    @Test
    void validatesWithProductionDataDir() {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.file(PRODUCTION))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();

        SealboxConfig settings = SealboxConfig.from(config.get("sealbox"));

        assertEquals(Path.of("/var/lib/sealbox"), settings.dataDir());
        assertEquals("127.0.0.1", config.get("server.host").asString().get());
        assertEquals("127.0.0.1", config.get("admin.host").asString().get());
        assertTrue(config.get("server.max-payload-size").asLong().get() > settings.attachmentMaxBytes(),
                "server.max-payload-size must stay above the attachment limit");
    }

    /** When a setting is added to application.yaml, it must be explained in deploy/sealbox.yaml too. */
    @Test
    void mirrorsEveryBuiltInSetting() throws IOException {
        Set<String> builtIn = keys(BUILT_IN);
        Set<String> production = keys(PRODUCTION);

        Set<String> missing = new TreeSet<>(builtIn);
        missing.removeAll(production);

        assertEquals(Set.of(), missing, "settings of application.yaml missing in deploy/sealbox.yaml");
    }

    private static Set<String> keys(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> tree = new Yaml().load(reader);
            Set<String> keys = new TreeSet<>();
            collect("", tree, keys);
            return keys;
        }
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Map<String, Object> node, Set<String> keys) {
        node.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> child) {
                collect(path, (Map<String, Object>) child, keys);
            } else {
                keys.add(path);
            }
        });
    }
}
