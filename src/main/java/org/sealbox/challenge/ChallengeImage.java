package org.sealbox.challenge;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.sealbox.crypto.Sodium;

/**
 * Draws a challenge's digits as a PNG image: seven-segment strokes, each digit slightly rotated
 * and shifted, over crossing noise lines. Drawing with lines needs no font, so headless servers
 * without fontconfig render it too. PNG, not SVG, because Tor Browser's safest level blocks SVG.
 */
public final class ChallengeImage {

    static final int WIDTH = 260;
    static final int HEIGHT = 80;
    private static final int DIGIT_WIDTH = 30;
    private static final int DIGIT_HEIGHT = 50;

    /** Segments a..g lit for each digit: a top, b top right, c bottom right, d bottom, e bottom left, f top left, g middle. */
    private static final String[] SEGMENTS = {
            "abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"};

    private ChallengeImage() {
    }

    public static byte[] png(String digits) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0xFAFAF7));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            drawNoise(g);
            for (int i = 0; i < digits.length(); i++) {
                drawDigit(g, digits.charAt(i) - '0', 22 + i * 46, 15);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void drawNoise(Graphics2D g) {
        g.setStroke(new BasicStroke(1.5f));
        for (int i = 0; i < 9; i++) {
            g.setColor(new Color(150 + random(80), 150 + random(80), 150 + random(80)));
            g.drawLine(random(WIDTH), random(HEIGHT), random(WIDTH), random(HEIGHT));
        }
    }

    private static void drawDigit(Graphics2D g, int digit, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.translate(x + random(7) - 3, y + random(9) - 4);
        g.rotate(Math.toRadians(random(17) - 8), DIGIT_WIDTH / 2.0, DIGIT_HEIGHT / 2.0);
        g.setColor(new Color(20 + random(60), 30 + random(60), 60 + random(80)));
        g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int w = DIGIT_WIDTH;
        int h = DIGIT_HEIGHT / 2;
        for (char segment : SEGMENTS[digit].toCharArray()) {
            switch (segment) {
                case 'a' -> g.drawLine(0, 0, w, 0);
                case 'b' -> g.drawLine(w, 0, w, h);
                case 'c' -> g.drawLine(w, h, w, 2 * h);
                case 'd' -> g.drawLine(0, 2 * h, w, 2 * h);
                case 'e' -> g.drawLine(0, h, 0, 2 * h);
                case 'f' -> g.drawLine(0, 0, 0, h);
                case 'g' -> g.drawLine(0, h, w, h);
                default -> throw new IllegalStateException("unknown segment " + segment);
            }
        }
        g.setTransform(saved);
    }

    private static int random(int bound) {
        return Sodium.get().randomUniform(bound);
    }
}
