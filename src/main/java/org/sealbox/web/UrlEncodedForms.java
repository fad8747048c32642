package org.sealbox.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} bodies without ever failing.
 *
 * <p>Browsers always send valid encoding, so a malformed body comes from a broken client or a
 * proxy. Rather than rejecting it and losing what was typed, an invalid percent escape is kept
 * literally and invalid UTF-8 becomes U+FFFD; {@link FormData#malformed()} then tells the page to
 * ask the person to check the text.
 */
public final class UrlEncodedForms {

    private UrlEncodedForms() {
    }

    /** Largest urlencoded body read, in bytes; enough for a full report in hidden fields. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /**
     * Reads and decodes the request body. A body over {@link #MAX_BODY_BYTES} is cut there and
     * marked malformed; the rest is drained so the response can still be sent.
     */
    public static FormData read(io.helidon.webserver.http.ServerRequest req) throws java.io.IOException {
        java.io.InputStream in = req.content().inputStream();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            FormData cut = decode(java.util.Arrays.copyOf(body, MAX_BODY_BYTES));
            return new FormData(cut.fields(), true);
        }
        return decode(body);
    }

    public static FormData decode(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        boolean[] malformed = {false};
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int equals = indexOf(body, (byte) '=', start);
                int nameEnd = equals >= 0 && equals < end ? equals : end;
                String name = decodeComponent(body, start, nameEnd, malformed);
                String value = nameEnd < end ? decodeComponent(body, nameEnd + 1, end, malformed) : "";
                fields.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
            start = end + 1;
        }
        return new FormData(fields, malformed[0]);
    }

    private static int indexOf(byte[] body, byte wanted, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == wanted) {
                return i;
            }
        }
        return body.length;
    }

    private static String decodeComponent(byte[] body, int from, int to, boolean[] malformed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%' && i + 2 < to && hex(body[i + 1]) >= 0 && hex(body[i + 2]) >= 0) {
                bytes.write(hex(body[i + 1]) << 4 | hex(body[i + 2]));
                i += 2;
            } else {
                if (b == '%') {
                    malformed[0] = true;
                }
                bytes.write(b);
            }
        }
        return utf8(bytes.toByteArray(), malformed);
    }

    private static String utf8(byte[] bytes, boolean[] malformed) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = strict.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            malformed[0] = true;
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
