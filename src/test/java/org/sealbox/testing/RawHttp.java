package org.sealbox.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal HTTP/1.1 client over a plain socket to 127.0.0.1, for requests a browser does not
 * send on its own: a chosen {@code Host} header, a POST without cookies or CSRF token, or a check
 * of every response header exactly as the server wrote it. One request per connection.
 */
public final class RawHttp {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern DIGIT_WORDS = Pattern.compile("The digits are: ([a-z, ]+)\\.");
    private static final List<String> DIGITS =
            List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    private RawHttp() {
    }

    /** A response: status, headers in the order received, and the decoded body. */
    public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {

        /** Returns the values of every header named {@code name}, compared without case. */
        public List<String> all(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> header : headers) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    values.add(header.getValue());
                }
            }
            return values;
        }

        /** Returns the first header named {@code name}. */
        public Optional<String> header(String name) {
            return all(name).stream().findFirst();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Returns the {@code Set-Cookie} values by cookie name. A later header for a name replaces an earlier one. */
        public Map<String, String> setCookies() {
            Map<String, String> cookies = new LinkedHashMap<>();
            for (String line : all("Set-Cookie")) {
                String pair = line.split(";", 2)[0];
                int equals = pair.indexOf('=');
                cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
            return cookies;
        }

        /** Returns the full {@code Set-Cookie} line of the last header for {@code name}. */
        public Optional<String> setCookieLine(String name) {
            String found = null;
            for (String line : all("Set-Cookie")) {
                if (line.startsWith(name + "=")) {
                    found = line;
                }
            }
            return Optional.ofNullable(found);
        }

        /** Returns the CSRF token of the first form on the page. */
        public String csrf() {
            Matcher m = CSRF.matcher(text());
            if (!m.find()) {
                throw new AssertionError("no CSRF field in:\n" + text());
            }
            return m.group(1);
        }
    }

    /**
     * Logs in on the admin listener as a browser would (log-in page, then the form POST, with a
     * TOTP code from {@link TestServer#totpCode}) and returns the {@code Cookie} header value of
     * the signed-in session.
     */
    public static String login(int adminPort, String username, String password) throws IOException {
        TestServer server = TestServer.byAdminPort(adminPort)
                .orElseThrow(() -> new AssertionError("no test server has the admin port " + adminPort));
        Response page = get(adminPort, "/login");
        String before = "sealbox_admin=" + page.setCookies().get("sealbox_admin");
        Response result = postForm(adminPort, "/login", Map.of("Cookie", before),
                Map.of("csrf", page.csrf(), "username", username, "password", password,
                        "code", server.totpCode(username)));
        if (result.status() != 303) {
            throw new AssertionError("log-in as " + username + " failed with " + result.status() + ":\n" + result.text());
        }
        return "sealbox_admin=" + result.setCookies().get("sealbox_admin");
    }

    /**
     * Opens a public session and answers its security question from the digits spelled out in
     * words. Returns the {@code Cookie} header value and the CSRF token of that session.
     */
    public static PublicSession passChallenge(int publicPort) throws IOException {
        Response start = get(publicPort, "/report");
        String cookie = "sealbox=" + start.setCookies().get("sealbox");
        Matcher words = DIGIT_WORDS.matcher(start.text());
        if (!words.find()) {
            throw new AssertionError("no security question in:\n" + start.text());
        }
        StringBuilder digits = new StringBuilder();
        for (String word : words.group(1).split(",")) {
            digits.append(DIGITS.indexOf(word.strip()));
        }
        String csrf = start.csrf();
        Response answered = postForm(publicPort, "/report/start", Map.of("Cookie", cookie),
                Map.of("csrf", csrf, "challenge", digits.toString()));
        if (answered.status() != 303) {
            throw new AssertionError("security question not accepted: " + answered.status());
        }
        return new PublicSession(cookie, csrf);
    }

    /** A public session that has passed the security question. */
    public record PublicSession(String cookie, String csrf) {
    }

    public static Response get(int port, String path, Map<String, String> headers) throws IOException {
        return send(port, "GET", path, headers, new byte[0]);
    }

    public static Response get(int port, String path) throws IOException {
        return get(port, path, Map.of());
    }

    /** Sends {@code fields} URL-encoded as a form POST. */
    public static Response postForm(int port, String path, Map<String, String> headers, Map<String, String> fields)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        return send(port, "POST", path, all, encode(fields));
    }

    public static byte[] encode(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends one request to 127.0.0.1:{@code port} and reads the whole response. {@code Host}
     * defaults to 127.0.0.1:port; a {@code Host} entry in {@code headers} replaces it, and the
     * connection still goes to loopback. A {@code Content-Length} entry is sent as given, even
     * when it does not match the body.
     */
    public static Response send(int port, String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1:" + port);
        all.putAll(headers);
        all.put("Connection", "close");
        if ((body.length > 0 || method.equals("POST")) && !headers.containsKey("Content-Length")) {
            all.put("Content-Length", Integer.toString(body.length));
        }
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return read(socket.getInputStream(), method.equals("HEAD"));
        }
    }

    private static Response read(InputStream in, boolean noBody) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(Map.entry(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
        Response headOnly = new Response(status, headers, new byte[0]);
        if (noBody) {
            return headOnly;
        }
        Optional<String> encoding = headOnly.header("Transfer-Encoding");
        Optional<String> length = headOnly.header("Content-Length");
        byte[] body;
        if (encoding.isPresent() && encoding.get().toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in);
        } else if (length.isPresent()) {
            body = in.readNBytes(Integer.parseInt(length.get()));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            if (sizeLine == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // Trailers are not used by these tests.
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    /** Reads one CRLF-terminated line as ISO-8859-1, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] raw = bytes.toByteArray();
                int end = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                return new String(raw, 0, end, StandardCharsets.ISO_8859_1);
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
