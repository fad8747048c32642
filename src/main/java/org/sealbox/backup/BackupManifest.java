package org.sealbox.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;

/**
 * The {@code manifest.json} entry of a backup archive: format version, creation time, the Sealbox
 * version that wrote it, and every other entry with its size and SHA-256.
 *
 * @param formatVersion  layout version of the archive, {@link #FORMAT_VERSION} when written
 * @param created        when the database snapshot was taken
 * @param sealboxVersion version of the Sealbox build that wrote the archive
 * @param files          the archive's entries other than the manifest, in archive order
 */
public record BackupManifest(int formatVersion, Instant created, String sealboxVersion, List<Entry> files) {

    public static final String ENTRY_NAME = "manifest.json";
    public static final String DATABASE_ENTRY = "sealbox.db";
    public static final int FORMAT_VERSION = 1;
    private static final String FORMAT = "sealbox-backup";
    /**
     * Entry names a backup may contain: the database, attachment files under their random ids, and
     * key files. Anything else, including any path with "..", is rejected before extraction.
     */
    private static final Pattern ALLOWED_PATH =
            Pattern.compile("sealbox\\.db|attachments/[0-9a-f]{32}|[A-Za-z0-9][A-Za-z0-9_-]{0,63}\\.key");
    private static final String POM_PROPERTIES = "/META-INF/maven/org.sealbox/sealbox/pom.properties";

    /**
     * One archived file.
     *
     * @param path   its path relative to the data directory, '/'-separated
     * @param size   its length in bytes
     * @param sha256 its SHA-256, lower-case hex
     */
    public record Entry(String path, long size, String sha256) {
    }

    public BackupManifest {
        files = List.copyOf(files);
    }

    /** Returns whether {@code path} is a name that a backup may contain and restore may write. */
    public static boolean isAllowedPath(String path) {
        return ALLOWED_PATH.matcher(path).matches();
    }

    /**
     * Returns the version of this Sealbox build from the Maven descriptor in the jar, or
     * "development build" when running from classes (tests, IDE).
     */
    public static String currentSealboxVersion() {
        try (InputStream in = BackupManifest.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.strip();
                }
            }
        } catch (IOException e) {
            // Fall through: the version is informational only.
        }
        return "development build";
    }

    public byte[] toJson() {
        JsonArrayBuilder entries = Json.createArrayBuilder();
        for (Entry entry : files) {
            entries.add(Json.createObjectBuilder()
                    .add("path", entry.path())
                    .add("size", entry.size())
                    .add("sha256", entry.sha256()));
        }
        JsonObject document = Json.createObjectBuilder()
                .add("format", FORMAT)
                .add("formatVersion", formatVersion)
                .add("created", created.toString())
                .add("sealboxVersion", sealboxVersion)
                .add("files", entries)
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWriter writer = Json.createWriter(out)) {
            writer.writeObject(document);
        }
        return out.toByteArray();
    }

    /**
     * Parses and checks a manifest: known format and version, allowed paths, no path twice.
     *
     * @throws BackupException naming what is wrong
     */
    public static BackupManifest fromJson(byte[] json) throws BackupException {
        JsonObject document;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
            document = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new BackupException("the manifest is not valid JSON: the archive is damaged or not a Sealbox backup");
        }
        try {
            if (!FORMAT.equals(document.getString("format", ""))) {
                throw new BackupException("the manifest does not describe a Sealbox backup");
            }
            int version = document.getInt("formatVersion");
            if (version != FORMAT_VERSION) {
                throw new BackupException("the archive has format version " + version + ", this Sealbox reads version "
                        + FORMAT_VERSION + ": restore it with the Sealbox version that wrote it ("
                        + document.getString("sealboxVersion", "unknown") + ")");
            }
            List<Entry> entries = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonValue value : document.getJsonArray("files")) {
                JsonObject file = value.asJsonObject();
                String path = file.getString("path");
                if (!isAllowedPath(path)) {
                    throw new BackupException("the manifest lists an unexpected path '" + path
                            + "': the archive is damaged or not a Sealbox backup");
                }
                if (!seen.add(path)) {
                    throw new BackupException("the manifest lists '" + path + "' twice");
                }
                long size = file.getJsonNumber("size").longValueExact();
                String sha256 = file.getString("sha256");
                if (size < 0 || !sha256.matches("[0-9a-f]{64}")) {
                    throw new BackupException("the manifest entry for '" + path + "' has an invalid size or SHA-256");
                }
                entries.add(new Entry(path, size, sha256));
            }
            if (!seen.contains(DATABASE_ENTRY)) {
                throw new BackupException("the manifest lists no " + DATABASE_ENTRY + ": not a complete Sealbox backup");
            }
            return new BackupManifest(version, Instant.parse(document.getString("created")),
                    document.getString("sealboxVersion"), entries);
        } catch (ClassCastException | NullPointerException | ArithmeticException | DateTimeException e) {
            throw new BackupException("the manifest is missing a field or has one of the wrong type ("
                    + e.getClass().getSimpleName() + "): the archive is damaged or not a Sealbox backup");
        }
    }
}
