package org.sealbox.web;

import java.net.URLEncoder;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** Attachments sent as downloads: never shown inline, whatever their content. */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    /**
     * An attachment disposition: an ASCII fallback name (other characters become "_") and the
     * full name as UTF-8 in {@code filename*}, per RFC 6266 and RFC 8187.
     */
    public static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        // URLEncoder leaves "*" as it is, but RFC 8187's attr-char does not include it.
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** Sends {@code content} as {@code application/octet-stream} with an attachment disposition. */
    public static void sendDownload(ServerResponse res, String name, byte[] content) {
        res.headers().set(HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/octet-stream"));
        res.headers().set(HeaderValues.create(HeaderNames.CONTENT_DISPOSITION, attachment(name)));
        res.send(content);
    }
}
