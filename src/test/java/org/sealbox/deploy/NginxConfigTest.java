package org.sealbox.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.Tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/nginx-sealbox.conf: nginx accepts it (checked with nginx -t only, never started), and
 * it keeps the promises of the portal: no access log, no client addresses forwarded, HTTP/1.1
 * to Sealbox, and a body limit above the attachment limit.
 */
class NginxConfigTest {

    private static final Path CONF = Path.of("deploy/nginx-sealbox.conf");
    private static final long ATTACHMENT_LIMIT = 5L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void nginxAcceptsConfig() throws Exception {
        Optional<Path> nginx = Tools.find("nginx");
        assumeTrue(nginx.isPresent(), "nginx is not installed (apt-get install nginx-light); .ci/run installs it");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("sealbox.conf"),
                Files.readString(CONF).replace("/var/log/nginx/", dir.resolve("logs") + "/"));
        // A minimal main configuration around the server block, with every path in the temporary directory.
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("logs/error.log") + ";",
                "events {}",
                "http {",
                "    client_body_temp_path " + dir.resolve("body") + ";",
                "    proxy_temp_path " + dir.resolve("proxy") + ";",
                "    fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                "    uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "    scgi_temp_path " + dir.resolve("scgi") + ";",
                "    include " + dir.resolve("sealbox.conf") + ";",
                "}",
                ""));

        Tools.Result result = Tools.run(List.of(nginx.get().toString(), "-t", "-p", dir.toString(),
                "-c", dir.resolve("nginx.conf").toString()), dir, Map.of(), 60);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("test is successful"), result.output());
    }

    @Test
    void keepsReportersUntraceable() throws IOException {
        String conf = directives();

        assertTrue(conf.contains("access_log off;"), "access log must be off");
        for (String header : List.of("X-Forwarded-For", "X-Real-IP", "Forwarded")) {
            assertTrue(conf.contains("proxy_set_header " + header + " \"\";"), header + " must be cleared");
        }
        assertFalse(conf.contains("$remote_addr"), "no client address may be forwarded");
        assertFalse(conf.contains("$proxy_add_x_forwarded_for"), "no client address may be forwarded");
        assertTrue(conf.contains("proxy_request_buffering off;"), "uploads must not be buffered to disk");
    }

    @Test
    void proxiesWithHttp11OnLoopback() throws IOException {
        String conf = directives();

        assertTrue(conf.contains("proxy_http_version 1.1;"), conf);
        assertTrue(conf.contains("listen 127.0.0.1:"), conf);
        assertTrue(conf.contains("server 127.0.0.1:8080;"), conf);
    }

    @Test
    void bodyLimitAboveAttachmentLimit() throws IOException {
        Matcher m = Pattern.compile("client_max_body_size (\\d+)([kmg]?);").matcher(directives());
        assertTrue(m.find(), "client_max_body_size is missing");

        long bytes = Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> 1L;
        };

        assertTrue(bytes > ATTACHMENT_LIMIT, bytes + " bytes");
    }

    /** Reads the configuration with comments removed. */
    private static String directives() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(CONF)) {
            int hash = line.indexOf('#');
            text.append(hash >= 0 ? line.substring(0, hash) : line).append('\n');
        }
        return text.toString();
    }
}
