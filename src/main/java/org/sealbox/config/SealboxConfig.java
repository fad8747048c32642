package org.sealbox.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.helidon.config.Config;

import org.sealbox.onion.OnionAddress;

/**
 * Settings of the {@code sealbox} section of {@code application.yaml}, validated once at start.
 *
 * @param dataDir          directory of the database, key file and encrypted attachments
 * @param organisationName name shown on every public page
 * @param privacyLinks     links to the organisation's privacy notices
 * @param timeZone         zone in which times are shown to officers
 * @param textMaxChars     maximum characters of the free-text field
 * @param attachmentMaxBytes maximum size of one attachment
 * @param sessionIdle      idle time after which a session ends
 * @param sessionAbsolute  time after which a session ends whatever its activity
 * @param secureCookie     when session cookies carry the Secure flag
 * @param argon2Ops        Argon2id passes per password check
 * @param argon2MemoryBytes Argon2id memory per password check
 * @param argon2MaxConcurrent how many password checks may run at once
 * @param formsFile        YAML file with the form questions, empty for the built-in ones
 * @param onionLocation    {@code http://<address>.onion} of the public onion service, sent as
 *                         the {@code Onion-Location} header by a clearnet mirror; empty for none
 */
public record SealboxConfig(Path dataDir,
                            String organisationName,
                            List<PrivacyLink> privacyLinks,
                            ZoneId timeZone,
                            int textMaxChars,
                            long attachmentMaxBytes,
                            Duration sessionIdle,
                            Duration sessionAbsolute,
                            SecureCookie secureCookie,
                            long argon2Ops,
                            long argon2MemoryBytes,
                            int argon2MaxConcurrent,
                            Optional<Path> formsFile,
                            Optional<String> onionLocation) {

    /** A titled link to a privacy notice. */
    public record PrivacyLink(String title, String url) {
    }

    /** When the session cookie gets the Secure attribute. */
    public enum SecureCookie {
        /** Over HTTPS, or when the Host header names a .onion address. */
        AUTO,
        ALWAYS,
        NEVER
    }

    /**
     * Reads and validates the {@code sealbox} node.
     *
     * @throws ConfigException naming the key and the accepted values when a value is invalid
     */
    public static SealboxConfig from(Config sealbox) {
        Path dataDir = Path.of(sealbox.get("data-dir").asString().orElse("./data"));
        String name = sealbox.get("organisation.name").asString().orElse("").strip();
        if (name.isEmpty()) {
            throw new ConfigException("sealbox.organisation.name is empty: set the organisation's name");
        }
        List<PrivacyLink> links = sealbox.get("organisation.privacy-links").asNodeList().orElse(List.of()).stream()
                .map(node -> new PrivacyLink(
                        node.get("title").asString().orElseThrow(() -> missing(node, "title")),
                        node.get("url").asString().orElseThrow(() -> missing(node, "url"))))
                .toList();

        String zone = sealbox.get("organisation.time-zone").asString().orElse("UTC");
        ZoneId timeZone;
        try {
            timeZone = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ConfigException("sealbox.organisation.time-zone is '" + zone
                    + "': use a region id such as Europe/Berlin or UTC");
        }

        int textChars = positiveInt(sealbox, "limits.text-chars", 20_000);
        long attachmentBytes = positiveLong(sealbox, "limits.attachment-bytes", 5L * 1024 * 1024);
        Duration idle = Duration.ofMinutes(positiveLong(sealbox, "session.idle-minutes", 20));
        Duration absolute = Duration.ofHours(positiveLong(sealbox, "session.absolute-hours", 8));
        SecureCookie secure = secureCookie(sealbox.get("session.secure-cookie").asString().orElse("auto"));

        long ops = positiveLong(sealbox, "crypto.argon2-ops", 3);
        long memoryMib = positiveLong(sealbox, "crypto.argon2-memory-mib", 64);
        int concurrent = positiveInt(sealbox, "crypto.argon2-max-concurrent", 2);

        String forms = sealbox.get("forms-file").asString().orElse("").strip();
        Optional<Path> formsFile = forms.isEmpty() ? Optional.empty() : Optional.of(Path.of(forms));

        Optional<String> onionLocation = onionLocation(sealbox.get("onion-location").asString().orElse(""));

        return new SealboxConfig(dataDir, name, links, timeZone, textChars, attachmentBytes, idle, absolute, secure,
                ops, memoryMib * 1024 * 1024, concurrent, formsFile, onionLocation);
    }

    /**
     * Validates {@code sealbox.onion-location}: empty, or {@code http://} and a version 3 onion
     * address with a valid checksum, optionally followed by {@code /}. Returns it without the
     * slash and in lower case, so that the request path can be appended.
     */
    static Optional<String> onionLocation(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        String expected = "expected http://<56 characters>.onion, the public service's address from"
                + " /var/lib/tor/sealbox-public/hostname";
        String prefix = "http://";
        if (!trimmed.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new ConfigException("sealbox.onion-location is '" + trimmed + "': " + expected);
        }
        String host = trimmed.substring(prefix.length());
        if (host.endsWith("/")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!host.toLowerCase(java.util.Locale.ROOT).endsWith(".onion")) {
            throw new ConfigException("sealbox.onion-location is '" + trimmed + "': " + expected);
        }
        try {
            return Optional.of(prefix + OnionAddress.parse(host).host());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("sealbox.onion-location is invalid (" + e.getMessage() + "): " + expected);
        }
    }

    private static ConfigException missing(Config node, String key) {
        return new ConfigException(node.key() + "." + key + " is missing");
    }

    private static SecureCookie secureCookie(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> SecureCookie.AUTO;
            case "always", "true" -> SecureCookie.ALWAYS;
            case "never", "false" -> SecureCookie.NEVER;
            default -> throw new ConfigException(
                    "sealbox.session.secure-cookie is '" + value + "': use auto, always or never");
        };
    }

    private static int positiveInt(Config node, String key, int fallback) {
        long value = positiveLong(node, key, fallback);
        if (value > Integer.MAX_VALUE) {
            throw new ConfigException("sealbox." + key + " is too large: " + value);
        }
        return (int) value;
    }

    private static long positiveLong(Config node, String key, long fallback) {
        String raw = node.get(key).asString().orElse(Long.toString(fallback)).strip();
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException("sealbox." + key + " is '" + raw + "': expected a whole number");
        }
        if (value <= 0) {
            throw new ConfigException("sealbox." + key + " is " + value + ": expected a number above 0");
        }
        return value;
    }
}
