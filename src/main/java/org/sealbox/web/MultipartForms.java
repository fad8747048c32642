package org.sealbox.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * Streams a {@code multipart/form-data} body: text fields into memory, each file part straight
 * into a {@link FileSink} (which encrypts it), so no plaintext touches a temp file.
 *
 * <p>Parsing uses Apache Commons FileUpload's streaming iterator. A file part over the sink's limit
 * is skipped to its end so that the fields after it are still read and the person gets a page,
 * not a reset connection.
 */
public final class MultipartForms {

    /** Largest text field kept, in bytes; longer ones are cut and marked as malformed. */
    static final int MAX_FIELD_BYTES = 1024 * 1024;
    private static final int MAX_PARTS = 100;

    /** Receives the content of a file part. */
    @FunctionalInterface
    public interface FileSink<T> {
        /** Consumes {@code content}; returns what describes the stored file. */
        T store(String fileName, InputStream content) throws IOException, UploadRejectedException;
    }

    /** A file the sink refused (for example too large or empty); the form is still read. */
    public static final class UploadRejectedException extends Exception {
        private final String reason;

        public UploadRejectedException(String reason) {
            super(reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /**
     * The parsed form.
     *
     * @param form         text fields
     * @param files        what the sink returned for each non-empty file part, by field name
     * @param rejected     the reason of each file the sink rejected, by field name
     * @param unreadable   whether the body was not valid multipart at all
     */
    public record Result<T>(FormData form, Map<String, T> files, Map<String, String> rejected, boolean unreadable) {
    }

    private MultipartForms() {
    }

    public static boolean isMultipart(ServerRequest req) {
        return req.headers().contentType()
                .map(type -> type.mediaType().text().equalsIgnoreCase("multipart/form-data"))
                .orElse(false);
    }

    /** Reads the whole body of {@code req}; never throws for malformed input. */
    public static <T> Result<T> read(ServerRequest req, FileSink<T> sink) throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, T> files = new LinkedHashMap<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        boolean malformed = false;
        boolean anyPart = false;

        Upload upload = new Upload();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        upload.setMaxFileCount(MAX_PARTS);
        InputStream body = req.content().inputStream();
        try {
            FileItemInputIterator parts = upload.getItemIterator(new Context(req, body));
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                anyPart = true;
                String name = part.getFieldName() == null ? "" : part.getFieldName();
                if (part.isFormField()) {
                    byte[] bytes = part.getInputStream().readNBytes(MAX_FIELD_BYTES + 1);
                    if (bytes.length > MAX_FIELD_BYTES) {
                        malformed = true;
                        bytes = java.util.Arrays.copyOf(bytes, MAX_FIELD_BYTES);
                    }
                    if (!isValidUtf8(bytes)) {
                        malformed = true;
                    }
                    fields.computeIfAbsent(name, key -> new ArrayList<>())
                            .add(new String(bytes, StandardCharsets.UTF_8));
                } else if (part.getName() != null && !part.getName().isEmpty()) {
                    try (InputStream content = part.getInputStream()) {
                        files.put(name, sink.store(FileNames.displayName(part.getName()), content));
                    } catch (UploadRejectedException e) {
                        rejected.put(name, e.reason());
                    }
                }
            }
        } catch (FileUploadException | IllegalStateException e) {
            drain(body);
            return new Result<>(new FormData(fields, true), files, rejected, true);
        }
        drain(body);
        // A browser always sends at least one part; none means the boundary in the header did not
        // match the body.
        return new Result<>(new FormData(fields, malformed || !anyPart), files, rejected, !anyPart);
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static void drain(InputStream body) {
        try {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // The connection is gone or the body is over the listener limit; nothing to answer to.
        }
    }

    private static final class Upload extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {

        @Override
        public FileItemInputIterator getItemIterator(RequestContext request) throws FileUploadException, IOException {
            return super.getItemIterator(request);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(RequestContext request) {
            throw new UnsupportedOperationException("only streaming is used");
        }

        @Override
        public List<DiskFileItem> parseRequest(RequestContext request) {
            throw new UnsupportedOperationException("only streaming is used");
        }
    }

    private record Context(ServerRequest req, InputStream body) implements RequestContext {

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return req.headers().contentLength().orElse(-1L);
        }

        @Override
        public String getContentType() {
            return req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }

}
