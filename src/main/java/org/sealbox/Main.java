package org.sealbox;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;

import org.sealbox.cli.BackupCommand;
import org.sealbox.cli.CreateOfficerCommand;
import org.sealbox.cli.OnionClientKeyCommand;
import org.sealbox.cli.PurgeCommand;
import org.sealbox.cli.RestoreCommand;
import org.sealbox.config.ConfigException;

/**
 * Command line: {@code serve} (the default) runs the portal, {@code create-officer} adds an
 * officer account. Both read the same configuration.
 */
public final class Main {

    static final String USAGE = """
            Usage: sealbox [--config FILE] [COMMAND]

            Commands:
              serve                       Run the portal (default).
              create-officer USERNAME [--role administrator|officer]
                                          Create an officer account (role officer unless
                                          given); the password is read from the terminal,
                                          or from standard input. Use the server's settings.
              onion-client-key NAME [--onion ADDRESS | --hostname-file PATH]
                                          Generate a tor client authorisation key for the
                                          admin onion service and print the lines for the
                                          server's NAME.auth and the officer's .auth_private.
              backup FILE                 Write the database, encrypted attachments and key
                                          files into the ZIP archive FILE (mode 0600), also
                                          while the server runs. FILE must not exist.
              restore ARCHIVE             Restore a backup into the data directory, which
                                          must be empty or missing. Exit code 3 if not empty.
              purge [--dry-run]           Delete the cases past retention (sealbox.retention)
                                          now; --dry-run only prints how many there are.
              help                        Show this text.

            --config FILE   YAML file whose settings override the built-in application.yaml.
                            The environment variable SEALBOX_CONFIG does the same.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        List<String> rest = new ArrayList<>(List.of(args));
        String configFile = System.getenv("SEALBOX_CONFIG");
        int flag = rest.indexOf("--config");
        if (flag >= 0) {
            if (flag + 1 >= rest.size()) {
                fail("--config needs a file name");
            }
            configFile = rest.get(flag + 1);
            rest.subList(flag, flag + 2).clear();
        }
        String command = rest.isEmpty() ? "serve" : rest.removeFirst();

        try {
            Config config = loadConfig(configFile);
            int exit = switch (command) {
                case "serve" -> serve(config);
                case "create-officer" -> new CreateOfficerCommand(System.out, System.err).run(config, rest);
                case "onion-client-key" -> new OnionClientKeyCommand(System.out, System.err).run(rest);
                case "backup" -> new BackupCommand(System.out, System.err, Clock.systemUTC()).run(config, rest);
                case "restore" -> new RestoreCommand(System.out, System.err).run(config, rest);
                case "purge" -> new PurgeCommand(System.out, System.err, Clock.systemUTC()).run(config, rest);
                case "help", "--help", "-h" -> {
                    System.out.print(USAGE);
                    yield 0;
                }
                default -> {
                    System.err.println("Unknown command '" + command + "'.");
                    System.err.print(USAGE);
                    yield 2;
                }
            };
            if (exit != 0) {
                System.exit(exit);
            }
        } catch (ConfigException | io.helidon.config.ConfigException e) {
            fail("Configuration error: " + e.getMessage());
        } catch (IllegalStateException | IOException e) {
            fail("Sealbox could not start: " + e.getMessage());
        }
    }

    /**
     * Builds the configuration: explicit environment overrides, then environment variables and
     * system properties (Helidon's aliases, e.g. SERVER_PORT for server.port), then the --config
     * file, then the built-in application.yaml. Earlier sources win.
     */
    static Config loadConfig(String configFile) {
        Map<String, String> overrides = new HashMap<>();
        String dataDir = System.getenv("SEALBOX_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            overrides.put("sealbox.data-dir", dataDir);
        }
        var builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.systemProperties());
        if (configFile != null && !configFile.isBlank()) {
            Path path = Path.of(configFile);
            if (!Files.isReadable(path)) {
                throw new ConfigException("Cannot read the configuration file " + path);
            }
            builder.addSource(ConfigSources.file(path));
        }
        return builder.addSource(ConfigSources.classpath("application.yaml")).build();
    }

    private static int serve(Config config) throws IOException {
        App app = App.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));

        PrintStream out = System.out;
        out.println("Sealbox is running.");
        out.println("  Reporters:  http://" + config.get("server.host").asString().orElse("127.0.0.1") + ":" + app.publicPort() + "/");
        String adminHost = config.get("admin.host").asString().orElse("127.0.0.1");
        out.println("  Officers:   http://" + adminHost + ":" + app.adminPort() + "/");
        app.firstRunLink(adminHost).ifPresent(link -> {
            out.println();
            out.println("No officer account exists yet. Open this one-time link to create the first");
            out.println("one (an administrator). It works until used or until Sealbox restarts:");
            out.println("  " + link);
        });
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

}
