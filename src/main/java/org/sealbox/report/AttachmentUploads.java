package org.sealbox.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Optional;

import io.helidon.webserver.http.ServerRequest;

import org.sealbox.crypto.TooLargeException;
import org.sealbox.storage.AttachmentFiles;
import org.sealbox.web.FormData;
import org.sealbox.web.Messages;
import org.sealbox.web.MultipartForms;
import org.sealbox.web.Sizes;
import org.sealbox.web.UrlEncodedForms;

/**
 * Reads a form POST that may carry one file in the field {@code attachment}, encrypting the file
 * into a draft while it streams in. Used by the report form and the postbox reply form.
 */
public final class AttachmentUploads {

    private final AttachmentFiles files;
    private final Messages messages;
    private final long maxBytes;

    /**
     * A parsed POST.
     *
     * @param form       the text fields
     * @param file       the new upload, if one was sent and accepted
     * @param fileError  why a sent file was rejected, else null
     * @param unreadable whether the body was not valid multipart
     */
    public record Upload(FormData form, Optional<ReportDraft.AttachmentRef> file, String fileError, boolean unreadable) {
    }

    public AttachmentUploads(AttachmentFiles files, Messages messages, long maxBytes) {
        this.files = files;
        this.messages = messages;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Upload read(ServerRequest req) throws IOException {
        if (!MultipartForms.isMultipart(req)) {
            return new Upload(UrlEncodedForms.read(req), Optional.empty(), null, false);
        }
        MultipartForms.Result<ReportDraft.AttachmentRef> result = MultipartForms.read(req, this::storeDraft);
        ReportDraft.AttachmentRef file = result.files().get("attachment");
        String fileError = result.rejected().get("attachment");
        return new Upload(result.form(), Optional.ofNullable(file), fileError, result.unreadable());
    }

    private ReportDraft.AttachmentRef storeDraft(String fileName, InputStream content)
            throws IOException, MultipartForms.UploadRejectedException {
        AttachmentFiles.Stored stored;
        try {
            stored = files.storeDraft(content, maxBytes);
        } catch (TooLargeException e) {
            throw new MultipartForms.UploadRejectedException(messages.get("form.error.attachment-too-large",
                    fileName, Sizes.format(messages, maxBytes)));
        }
        try (var key = stored.key()) {
            if (stored.size() == 0) {
                files.deleteDraft(stored.id());
                throw new MultipartForms.UploadRejectedException(messages.get("form.error.attachment-empty", fileName));
            }
            String encodedKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key.bytes());
            return new ReportDraft.AttachmentRef(stored.id(), encodedKey, fileName, stored.size());
        }
    }
}
