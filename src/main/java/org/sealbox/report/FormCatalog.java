package org.sealbox.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.ConfigSources;

import org.sealbox.config.ConfigException;

/**
 * The questions of each report kind, read once at start from the forms file (YAML).
 * Immutable and thread-safe.
 */
public final class FormCatalog {

    private static final String BUILT_IN = "forms/default.yaml";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final int DEFAULT_MAX_CHARS = 500;

    private final Map<ReportKind, Form> forms;

    /** The questions of one kind and whether its free-text field is required. */
    public record Form(ReportKind kind, boolean freeTextRequired, List<Question> questions) {
    }

    private FormCatalog(Map<ReportKind, Form> forms) {
        this.forms = forms;
    }

    public Form form(ReportKind kind) {
        return forms.get(kind);
    }

    /**
     * Loads the forms file, or the built-in questions when {@code file} is empty.
     *
     * @throws ConfigException naming the file and the question when the file is invalid
     */
    public static FormCatalog load(Optional<Path> file) {
        String source = file.map(Path::toString).orElse("built-in " + BUILT_IN);
        String yaml = file.map(FormCatalog::readFile).orElseGet(FormCatalog::readBuiltIn);
        Config root = Config.just(ConfigSources.create(yaml, MediaTypes.APPLICATION_X_YAML));

        Map<ReportKind, Form> forms = new EnumMap<>(ReportKind.class);
        for (ReportKind kind : ReportKind.values()) {
            Config node = root.get(kind.id());
            if (!node.exists()) {
                throw new ConfigException("Forms file " + source + " has no section '" + kind.id() + "'");
            }
            forms.put(kind, readForm(kind, node, source));
        }
        return new FormCatalog(forms);
    }

    private static Form readForm(ReportKind kind, Config node, String source) {
        boolean freeTextRequired = node.get("free-text-required").asBoolean().orElse(true);
        List<Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Config q : node.get("questions").asNodeList().orElse(List.of())) {
            Question question = readQuestion(q, source);
            if (!ids.add(question.id())) {
                throw new ConfigException("Forms file " + source + ": question id '" + question.id()
                        + "' appears twice in '" + kind.id() + "'");
            }
            questions.add(question);
        }
        return new Form(kind, freeTextRequired, List.copyOf(questions));
    }

    private static Question readQuestion(Config q, String source) {
        String where = "Forms file " + source + ", " + q.key();
        String id = q.get("id").asString().orElse("");
        if (!ID.matcher(id).matches()) {
            throw new ConfigException(where + ": id '" + id
                    + "' is invalid; use 1 to 40 lower-case letters, digits and hyphens");
        }
        String typeName = q.get("type").asString().orElse("");
        Question.Type type;
        try {
            type = Question.Type.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": type '" + typeName
                    + "' is invalid; use single, multi, text or textarea");
        }

        Map<String, String> label = texts(q.get("label"));
        if (!label.containsKey("en")) {
            throw new ConfigException(where + ": label has no English text (en)");
        }
        List<Question.Option> options = new ArrayList<>();
        for (Config o : q.get("options").asNodeList().orElse(List.of())) {
            String optionId = o.get("id").asString().orElse("");
            Map<String, String> optionLabel = texts(o.get("label"));
            if (optionId.isBlank() || !optionLabel.containsKey("en")) {
                throw new ConfigException(where + ": every option needs an id and an English label (en)");
            }
            options.add(new Question.Option(optionId, optionLabel));
        }
        if (type.isChoice() && options.size() < 2) {
            throw new ConfigException(where + ": a " + typeName + " question needs at least two options");
        }
        int maxChars = q.get("max-chars").asInt().orElse(DEFAULT_MAX_CHARS);
        boolean required = q.get("required").asBoolean().orElse(false);
        return new Question(id, type, required, maxChars, label, texts(q.get("hint")), List.copyOf(options));
    }

    private static Map<String, String> texts(Config node) {
        Map<String, String> texts = new LinkedHashMap<>();
        node.asMap().orElse(Map.of()).forEach((key, value) -> {
            String language = key.substring(key.lastIndexOf('.') + 1);
            texts.put(language, value);
        });
        return Map.copyOf(texts);
    }

    private static String readFile(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Cannot read forms file " + path + ": " + e.getMessage(), e);
        }
    }

    private static String readBuiltIn() {
        try (InputStream in = FormCatalog.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new ConfigException("Built-in forms file " + BUILT_IN + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Cannot read built-in forms file: " + e.getMessage(), e);
        }
    }
}
