package org.sealbox.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileNamesTest {

    @Test
    void unicodeNameKept() {
        assertEquals("Prüfbericht_日本語 (1).pdf", FileNames.displayName("Prüfbericht_日本語 (1).pdf"));
    }

    @Test
    void pathSegmentsDropped() {
        assertEquals("report.pdf", FileNames.displayName("C:\\Users\\me\\report.pdf"));
        assertEquals("passwd", FileNames.displayName("../../etc/passwd"));
    }

    @Test
    void controlAndBidiCharactersRemoved() {
        assertEquals("invoicefdp.exe", FileNames.displayName("invoice\u202Efdp.exe"));
        assertEquals("ab.txt", FileNames.displayName("a\u0000b\n.txt"));
    }

    @Test
    void emptyNameGetsPlaceholder() {
        assertEquals("attachment", FileNames.displayName("   "));
        assertEquals("attachment", FileNames.displayName("dir/"));
    }

    @Test
    void longNameCutAtCodePoints() {
        String name = "日".repeat(300);

        String shown = FileNames.displayName(name);

        assertEquals(255, shown.codePointCount(0, shown.length()));
    }
}
