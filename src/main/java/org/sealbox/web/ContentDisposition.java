package org.sealbox.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code Content-Disposition} values for downloads. */
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
}
