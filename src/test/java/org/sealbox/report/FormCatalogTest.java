package org.sealbox.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.config.ConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormCatalogTest {

    @TempDir
    Path dir;

    @Test
    void builtInFormsHaveBriefQuestions() {
        FormCatalog catalog = FormCatalog.load(Optional.empty());

        FormCatalog.Form breach = catalog.form(ReportKind.BREACH);
        assertEquals(8, breach.questions().size());
        assertTrue(breach.freeTextRequired());
        Question relation = breach.questions().getLast();
        assertEquals("relation", relation.id());
        assertTrue(relation.option("undisclosed").isPresent());

        FormCatalog.Form request = catalog.form(ReportKind.REQUEST);
        assertFalse(request.freeTextRequired());
        assertEquals("right", request.questions().getFirst().id());
        assertEquals(8, request.questions().getFirst().options().size());
        assertTrue(request.questions().stream().filter(q -> q.id().startsWith("contact")).allMatch(Question::required));
    }

    @Test
    void germanLabelsFallBackToEnglish() {
        Question question = FormCatalog.load(Optional.empty()).form(ReportKind.BREACH).questions().getFirst();

        assertEquals("Was ist mit den Daten geschehen?", question.label(Locale.GERMAN));
        assertEquals("What happened to the data?", question.label(Locale.FRENCH));
    }

    @Test
    void adminFileReplacesQuestions() throws Exception {
        Path file = write("""
                breach:
                  questions:
                    - id: where
                      type: text
                      required: true
                      max-chars: 80
                      label: { en: "Where?" }
                request:
                  free-text-required: false
                  questions: []
                """);

        FormCatalog catalog = FormCatalog.load(Optional.of(file));

        Question where = catalog.form(ReportKind.BREACH).questions().getFirst();
        assertEquals("where", where.id());
        assertEquals(80, where.maxChars());
        assertEquals(Question.Type.TEXT, where.type());
        assertTrue(catalog.form(ReportKind.REQUEST).questions().isEmpty());
    }

    @Test
    void invalidTypeNamesQuestion() throws Exception {
        Path file = write("""
                breach:
                  questions:
                    - { id: x, type: slider, label: { en: X } }
                request:
                  questions: []
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> FormCatalog.load(Optional.of(file)));

        assertTrue(e.getMessage().contains("slider"), e.getMessage());
        assertTrue(e.getMessage().contains("single, multi, text or textarea"), e.getMessage());
    }

    @Test
    void missingSectionRejected() throws Exception {
        Path file = write("""
                breach:
                  questions: []
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> FormCatalog.load(Optional.of(file)));

        assertTrue(e.getMessage().contains("'request'"), e.getMessage());
    }

    @Test
    void duplicateIdRejected() throws Exception {
        Path file = write("""
                breach:
                  questions:
                    - { id: x, type: text, label: { en: X } }
                    - { id: x, type: text, label: { en: Y } }
                request:
                  questions: []
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> FormCatalog.load(Optional.of(file)));

        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void choiceWithoutOptionsRejected() throws Exception {
        Path file = write("""
                breach:
                  questions:
                    - { id: x, type: single, label: { en: X }, options: [ { id: a, label: { en: A } } ] }
                request:
                  questions: []
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> FormCatalog.load(Optional.of(file)));

        assertTrue(e.getMessage().contains("at least two options"), e.getMessage());
    }

    @Test
    void missingEnglishLabelRejected() throws Exception {
        Path file = write("""
                breach:
                  questions:
                    - { id: x, type: text, label: { de: "Nur Deutsch" } }
                request:
                  questions: []
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> FormCatalog.load(Optional.of(file)));

        assertTrue(e.getMessage().contains("English"), e.getMessage());
    }

    @Test
    void unreadableFileNamed() {
        Path missing = dir.resolve("nope.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> FormCatalog.load(Optional.of(missing)));

        assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("forms.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
