package org.sealbox.web;

/** File names as sent by browsers, cleaned for display only; they never become storage paths. */
public final class FileNames {

    static final int MAX_CHARS = 255;

    private FileNames() {
    }

    /**
     * Keeps the last path segment (some browsers send a full path), removes control and
     * bidirectional-override characters, and cuts the name to 255 characters.
     * Returns "attachment" when nothing is left.
     */
    public static String displayName(String sent) {
        String name = sent;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && !isBidiControl(cp))
                .forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        if (result.codePointCount(0, result.length()) > MAX_CHARS) {
            result = result.substring(0, result.offsetByCodePoints(0, MAX_CHARS));
        }
        return result.isEmpty() ? "attachment" : result;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F;
    }
}
