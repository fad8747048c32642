package org.sealbox.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the external programs that the deployment tests check files with (tor, nginx,
 * systemd-analyze, bash). Each run has a time limit and is killed when it passes it.
 */
public final class Tools {

    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private Tools() {
    }

    /** The output of a finished program; {@code output} has standard output and error interleaved. */
    public record Result(int exitCode, String output) {
    }

    /** Returns the executable {@code name} from PATH or the sbin directories, if installed. */
    public static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(EXTRA_DIRS);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command} in {@code workDir} with extra environment variables, for at most {@code seconds}. */
    public static Result run(List<String> command, Path workDir, Map<String, String> environment, long seconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Path log = Files.createTempFile("sealbox-tool", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + seconds
                        + " s; output so far:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * Runs {@code tor --verify-config} on {@code torrc}, with an empty defaults file so that no
     * system torrc-defaults is read. Tor only parses and checks the configuration in this mode
     * and exits; it opens no listener and makes no connection.
     */
    public static Result torVerifyConfig(Path tor, Path torrc) throws IOException, InterruptedException {
        Path defaults = torrc.resolveSibling("torrc-defaults-empty");
        Files.writeString(defaults, "");
        return run(List.of(tor.toString(), "--defaults-torrc", defaults.toString(), "--verify-config",
                "-f", torrc.toString()), torrc.getParent(), Map.of(), 60);
    }
}
