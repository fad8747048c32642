package org.sealbox.web;

/** Byte counts for people: "1 byte" style up to 1 KiB, then KiB and MiB with one decimal. */
public final class Sizes {

    private Sizes() {
    }

    public static String format(Messages messages, long bytes) {
        if (bytes < 1024) {
            return messages.get("size.bytes", bytes);
        }
        if (bytes < 1024 * 1024) {
            return messages.get("size.kib", oneDecimal(bytes / 1024.0));
        }
        return messages.get("size.mib", oneDecimal(bytes / (1024.0 * 1024.0)));
    }

    private static String oneDecimal(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
