package org.sealbox.register;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvWriterTest {

    @Test
    void formulaCellsGetQuotePrefix() {
        assertEquals("'=1+1", CsvWriter.field("=1+1"));
        assertEquals("'+49 30 1234", CsvWriter.field("+49 30 1234"));
        assertEquals("'-15 EUR refund", CsvWriter.field("-15 EUR refund"));
        assertEquals("'@SUM(A1)", CsvWriter.field("@SUM(A1)"));
    }

    /** The prefixed value still contains a tab or CR, so it is also quoted. */
    @Test
    void controlCharacterCellsNeutralized() {
        assertEquals("\"'\t=cmd\"", CsvWriter.field("\t=cmd"));
        assertEquals("\"'\r=cmd\"", CsvWriter.field("\r=cmd"));
        assertEquals("\"'\n=cmd\"", CsvWriter.field("\n=cmd"));
    }

    @Test
    void plainNegativeNumbersStayNumbers() {
        assertEquals("-15", CsvWriter.field("-15"));
        assertEquals("-0.5", CsvWriter.field("-0.5"));
        assertEquals("'-1+2", CsvWriter.field("-1+2"));
        assertEquals("'-1.", CsvWriter.field("-1."));
        assertEquals("'-", CsvWriter.field("-"));
        assertEquals("'+15", CsvWriter.field("+15"));
    }

    /** Only the first character counts: an equals sign later in a cell is harmless text. */
    @ParameterizedTest
    @ValueSource(strings = {"a=1+1", " =1+1", "15", "'=1+1", "E-Mail"})
    void otherCellsUnchanged(String value) {
        assertEquals(value, CsvWriter.field(value));
    }

    @Test
    void rfc4180Quoting() {
        assertEquals("\"a,b\"", CsvWriter.field("a,b"));
        assertEquals("\"quote \"\"x\"\"\"", CsvWriter.field("quote \"x\""));
        assertEquals("\"line one\nline two\"", CsvWriter.field("line one\nline two"));
        assertEquals("\"line one\r\nline two\"", CsvWriter.field("line one\r\nline two"));
    }

    /** A semicolon would split the cell in a spreadsheet that uses it as the separator. */
    @Test
    void semicolonFieldsQuoted() {
        assertEquals("\"a;=1+1\"", CsvWriter.field("a;=1+1"));
        assertEquals("\"a\tb\"", CsvWriter.field("a\tb"));
    }

    @Test
    void formulaAfterQuoteStaysInCell() {
        assertEquals("\"'=1+2\"\";=1+2\"", CsvWriter.field("=1+2\";=1+2"));
    }

    @Test
    void nullAndEmptyCells() {
        assertEquals("", CsvWriter.field(null));
        assertEquals("", CsvWriter.field(""));
    }

    @Test
    void rowsEndWithCrlf() throws IOException {
        StringWriter text = new StringWriter();
        CsvWriter csv = new CsvWriter(text);

        csv.writeRow("reference", "action");
        csv.writeRow("K7MR-4QXC-9TFA-2HWD", "=HYPERLINK(\"x\")");
        csv.writeRow(Arrays.asList("a,b", null));
        csv.flush();

        assertEquals("reference,action\r\n"
                + "K7MR-4QXC-9TFA-2HWD,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
                + "\"a,b\",\r\n", text.toString());
    }

    @Test
    void utf8WithByteOrderMark() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter csv = CsvWriter.utf8(bytes, true)) {
            csv.writeRow("Müller", "Łódź – 東京");
        }
        byte[] output = bytes.toByteArray();

        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(output, 3));
        assertEquals("Müller,Łódź – 東京\r\n",
                new String(output, 3, output.length - 3, StandardCharsets.UTF_8));
    }

    @Test
    void utf8WithoutByteOrderMark() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter csv = CsvWriter.utf8(bytes, false)) {
            csv.writeRow("Müller");
        }

        assertArrayEquals("Müller\r\n".getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
    }

    @Test
    void multiLineCellInRow() throws IOException {
        StringWriter text = new StringWriter();
        CsvWriter csv = new CsvWriter(text);

        csv.writeRow("first line\nsecond line", "x");

        assertEquals("\"first line\nsecond line\",x\r\n", text.toString());
    }

    @Test
    void unevenRowsRejected() throws IOException {
        CsvWriter csv = new CsvWriter(new StringWriter());
        csv.writeRow("a", "b");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> csv.writeRow("a"));

        assertTrue(e.getMessage().contains("1 cells"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> csv.writeRow(List.of()));
    }
}
