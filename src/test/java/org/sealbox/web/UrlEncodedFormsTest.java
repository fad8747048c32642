package org.sealbox.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlEncodedFormsTest {

    private static FormData decode(String body) {
        return UrlEncodedForms.decode(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void decodesPlusPercentAndUtf8() {
        FormData form = decode("name=J%C3%BCrgen+M%C3%BCller&text=a%0D%0Ab&empty=");

        assertEquals("Jürgen Müller", form.first("name"));
        assertEquals("a\r\nb", form.first("text"));
        assertEquals("", form.first("empty"));
        assertTrue(form.has("empty"));
        assertFalse(form.malformed());
    }

    @Test
    void keepsRepeatedFieldsInOrder() {
        FormData form = decode("q.x=b&q.x=a&other=1&q.x=c");

        assertEquals(List.of("b", "a", "c"), form.all("q.x"));
    }

    @Test
    void invalidEscapeKeptLiterally() {
        FormData form = decode("details=100%25+sure%zz+and%4");

        assertEquals("100% sure%zz and%4", form.first("details"));
        assertTrue(form.malformed());
    }

    @Test
    void invalidUtf8Replaced() {
        FormData form = decode("details=ok%E0%A4+end");

        assertTrue(form.first("details").startsWith("ok"));
        assertTrue(form.first("details").endsWith(" end"));
        assertTrue(form.first("details").contains("\uFFFD"));
        assertTrue(form.malformed());
    }

    @Test
    void fieldWithoutEqualsIsEmpty() {
        FormData form = decode("flag&x=1&&");

        assertTrue(form.has("flag"));
        assertEquals("", form.first("flag"));
        assertEquals("1", form.first("x"));
        assertFalse(form.malformed());
    }

    @Test
    void missingFieldIsEmptyString() {
        FormData form = decode("");

        assertEquals("", form.first("anything"));
        assertEquals(List.of(), form.all("anything"));
    }
}
