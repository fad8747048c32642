package org.sealbox.totp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Renders text, such as a {@link Totp#provisioningUri} URI, as a black-on-white QR code PNG with
 * ZXing 3.5.4.
 *
 * <p>The code uses error correction level M (about 15 % of the symbol can be damaged) and a
 * white quiet zone four modules wide around the symbol, ZXing's default, set explicitly. ASCII text
 * is encoded without a character set header. Other text is encoded as UTF-8 with an ECI header
 * that names the character set, because ZXing would otherwise encode it as ISO-8859-1.
 *
 * <p>Thread-safe: every call uses its own writer.
 */
public final class QrPng {

    /** Smallest accepted image size in pixels: a version 1 symbol (21 modules) plus its quiet zone. */
    public static final int MIN_SIZE = 29;

    /** Largest accepted image size in pixels, which bounds the memory a call uses. */
    public static final int MAX_SIZE = 2048;

    private static final int QUIET_ZONE_MODULES = 4;

    private QrPng() {
    }

    /**
     * Renders {@code text} as a square PNG. The image is {@code size} pixels wide unless the text
     * needs more modules than that, in which case ZXing uses one pixel per module and the image is
     * larger. Modules are whole pixels, and the spare pixels widen the white border.
     *
     * @throws IllegalArgumentException if {@code text} is empty or too long for a QR code, or
     *                                  {@code size} is outside {@link #MIN_SIZE} to {@link #MAX_SIZE}
     */
    public static byte[] render(String text, int size) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("QR code text must not be empty");
        }
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("QR code size must be " + MIN_SIZE + " to " + MAX_SIZE
                    + " pixels, got " + size);
        }
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }

        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Text of " + text.length() + " characters cannot be encoded as a QR code: "
                    + e.getMessage(), e);
        }

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail, so this means ImageIO could not write PNG.
            throw new UncheckedIOException("Writing the QR code as PNG failed", e);
        }
        return png.toByteArray();
    }
}
