package org.sealbox.register;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes CSV as RFC 4180 defines it, with every cell made safe to open in a spreadsheet.
 *
 * <p>Quoting (RFC 4180 section 2): a field is enclosed in double quotes when it contains a comma,
 * a double quote, CR or LF, and each double quote inside it is doubled. Fields that contain a
 * semicolon or a tab are quoted too, because spreadsheets set to a German or other European locale
 * split unquoted lines at semicolons. Every record, the last one included, ends with CRLF. Line
 * breaks inside a value are written unchanged inside the quotes.
 *
 * <p>Formula injection (CWE-1236): spreadsheets evaluate a cell that starts with {@code =},
 * {@code +}, {@code -} or {@code @} as a formula, and some also when the value starts with a tab,
 * CR or LF. Such a cell gets a single quote {@code '} put in front, so that it is shown as text:
 * {@code -15 EUR refund} becomes {@code '-15 EUR refund}, still readable, and {@code =1+1} becomes
 * {@code '=1+1}. The character list is the one of the OWASP page "CSV Injection"
 * (owasp.org/www-community/attacks/CSV_Injection), which also advises quoting fields so that a
 * separator inside a value cannot start a new cell.
 *
 * <p>One exception keeps numbers usable: a value that is only a negative decimal number, a minus
 * sign followed by ASCII digits with an optional fraction ({@code -15}, {@code -0.5}), is written
 * unchanged. A spreadsheet reads it as a number constant, and such a value contains no function
 * name or cell reference that could be evaluated. The OWASP page lists no such exception, so it is
 * this project's decision. Values starting with {@code +} always get the quote, which also keeps a
 * phone number such as {@code +4930123456} from losing its plus sign.
 *
 * <p>Not thread-safe. The writer does not close the underlying stream before {@link #close()}.
 */
public final class CsvWriter implements Closeable, Flushable {

    /** The record separator RFC 4180 prescribes. */
    public static final String LINE_END = "\r\n";

    /** The UTF-8 encoding of U+FEFF. Excel reads a CSV file as UTF-8 only when it starts with it. */
    private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-[0-9]+(\\.[0-9]+)?");

    private final Writer out;
    private int fieldCount = -1;

    /**
     * Creates a writer that writes to {@code out}, whose encoding the caller chose. It writes no
     * byte order mark.
     */
    public CsvWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Creates a writer that encodes as UTF-8 into {@code out}.
     *
     * @param byteOrderMark whether to write the UTF-8 byte order mark first, which Excel needs to
     *                      show non-ASCII text correctly. Most other programs ignore it.
     * @throws IOException if writing the byte order mark fails
     */
    public static CsvWriter utf8(OutputStream out, boolean byteOrderMark) throws IOException {
        Objects.requireNonNull(out, "out");
        if (byteOrderMark) {
            out.write(UTF8_BYTE_ORDER_MARK);
        }
        return new CsvWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /**
     * Writes one record. A null cell is written as an empty field.
     *
     * @throws IllegalArgumentException if {@code cells} is empty, or has a different number of
     *                                  cells than the first record (RFC 4180 expects the same
     *                                  number of fields on each line)
     * @throws IOException              if writing fails
     */
    public void writeRow(List<String> cells) throws IOException {
        Objects.requireNonNull(cells, "cells");
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("A CSV record needs at least one cell");
        }
        if (fieldCount >= 0 && cells.size() != fieldCount) {
            throw new IllegalArgumentException("CSV record has " + cells.size() + " cells, but the first record has "
                    + fieldCount + ". Write the same number of cells in every record.");
        }
        fieldCount = cells.size();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(cells.get(i)));
        }
        line.append(LINE_END);
        out.write(line.toString());
    }

    /** Writes one record, as {@link #writeRow(List)} does. */
    public void writeRow(String... cells) throws IOException {
        writeRow(Arrays.asList(cells));
    }

    /**
     * Returns {@code value} as it appears in the file: neutralized by {@link #neutralize(String)},
     * then quoted if needed. Null becomes the empty string.
     */
    public static String field(String value) {
        String text = neutralize(value == null ? "" : value);
        if (!needsQuotes(text)) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * Returns {@code value} with a single quote in front if a spreadsheet could evaluate it as a
     * formula, and unchanged otherwise, including when it is a plain negative number.
     */
    public static String neutralize(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || !startsFormula(value.charAt(0))) {
            return value;
        }
        if (NEGATIVE_NUMBER.matcher(value).matches()) {
            return value;
        }
        return "'" + value;
    }

    /** Flushes the underlying writer. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and closes the underlying writer and stream. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    private static boolean startsFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@'
                || first == '\t' || first == '\r' || first == '\n';
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n' || c == ';' || c == '\t') {
                return true;
            }
        }
        return false;
    }
}
