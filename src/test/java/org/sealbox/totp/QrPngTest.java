package org.sealbox.totp;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.sealbox.crypto.SecretBytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QrPngTest {

    /** The eight-byte signature that every PNG file starts with. */
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Test
    void provisioningUriReadsBack() throws Exception {
        String uri = Totp.provisioningUri("Sealbox Example", "anna",
                SecretBytes.wrap("12345678901234567890".getBytes(StandardCharsets.US_ASCII)));

        byte[] png = QrPng.render(uri, 300);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        assertNotNull(image, "ImageIO could not decode the PNG");
        assertEquals(300, image.getWidth());
        assertEquals(300, image.getHeight());
        assertEquals(uri, decode(image));
    }

    @Test
    void nonAsciiTextReadsBack() throws Exception {
        String text = "Müller – 東京";

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrPng.render(text, 200)));

        assertEquals(text, decode(image));
    }

    /** A 29-pixel request is too small for this URI, so ZXing draws one pixel per module instead. */
    @Test
    void smallSizeGrowsToFitCode() throws Exception {
        String text = "otpauth://totp/Example:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example";

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrPng.render(text, QrPng.MIN_SIZE)));

        assertTrue(image.getWidth() > QrPng.MIN_SIZE, "width " + image.getWidth());
        assertEquals(image.getWidth(), image.getHeight());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 28, 2049})
    void invalidSizeRejected(int size) {
        assertThrows(IllegalArgumentException.class, () -> QrPng.render("x", size));
    }

    @Test
    void unencodableTextRejected() {
        assertThrows(IllegalArgumentException.class, () -> QrPng.render("", 100));
        assertThrows(IllegalArgumentException.class, () -> QrPng.render("x".repeat(5000), 100));
    }

    private static String decode(BufferedImage image) throws ReaderException {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, hints).getText();
    }
}
