package org.sealbox.report;

import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.sealbox.crypto.SecretBytes;

/**
 * What an officer needs to show and decrypt one attachment, sealed to the case in the
 * attachment row: the original file name, its size and SHA-256, and the file key.
 */
public record AttachmentMeta(String name, long size, String sha256Hex, SecretBytes key) {

    public byte[] toJson() {
        JsonObject document = Json.createObjectBuilder()
                .add("name", name)
                .add("size", size)
                .add("sha256", sha256Hex)
                .add("key", Base64.getEncoder().encodeToString(key.bytes()))
                .build();
        return CaseContent.write(document);
    }

    public static AttachmentMeta fromJson(byte[] json) {
        JsonObject document = CaseContent.read(json);
        return new AttachmentMeta(document.getString("name"), document.getJsonNumber("size").longValueExact(),
                document.getString("sha256"), SecretBytes.wrap(Base64.getDecoder().decode(document.getString("key"))));
    }

    @Override
    public String toString() {
        return "AttachmentMeta[REDACTED]";
    }
}
