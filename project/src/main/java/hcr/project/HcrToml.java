package hcr.project;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes hcr.toml ({@link ProjectFile}). Parsing is Jackson's TOML reader; this class
 * checks the shape: every table and key is known, every value of the type it must be. Errors
 * are one line naming the file, the line and the key: {@code hcr.toml:12: [build] flagz: unknown
 * key (known: cc, compile_database, ...)}.
 */
public final class HcrToml {
    public static final String FILE_NAME = "hcr.toml";

    private static final Set<String> TABLES = Set.of("program", "build", "module", "dropped");
    private static final List<String> PROGRAM_KEYS = List.of("name", "args", "directory", "env");
    private static final List<String> BUILD_KEYS = List.of("cc", "compile_database", "directory", "sources",
            "exclude", "flags", "include_dirs", "defines", "pkg_config", "link");
    private static final List<String> MODULE_KEYS = List.of("source", "directory", "flags");
    private static final List<String> DROPPED_KEYS = List.of("flag", "reason");

    private final Path file;
    private final TomlLines lines;

    private HcrToml(Path file, String text) {
        this.file = file;
        this.lines = new TomlLines(text);
    }

    /** hcr.toml as read, with where each key is written, for messages about its values. */
    public record Parsed(ProjectFile project, Path file, TomlLines lines) {
        /** An error about the value at {@code pointer} ({@code /build/sources}): {@code hcr.toml:12: message}. */
        public ModelException error(String pointer, String message) {
            int line = lines.of(pointer);
            return new ModelException((line > 0 ? file + ":" + line + ": " : file + ": ") + message);
        }
    }

    /** Reads {@code file}. */
    public static ProjectFile read(Path file) throws ModelException {
        return readParsed(file).project();
    }

    /** Reads {@code file}, keeping where each key is written. */
    public static Parsed readParsed(Path file) throws ModelException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelException(file + ": no such file");
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    /** Parses {@code text} as the contents of {@code file} (named in messages). */
    public static Parsed parse(Path file, String text) throws ModelException {
        var reader = new HcrToml(file, text);
        JsonNode tree;
        try {
            tree = new TomlMapper().readTree(text);
        } catch (JacksonException e) {
            var location = e.getLocation();
            int line = location == null ? 0 : location.getLineNr();
            var message = e.getOriginalMessage().lines().findFirst().orElse("syntax error").strip();
            throw new ModelException(reader.where(line) + "TOML syntax error: " + message);
        }
        var project = reader.project(tree == null ? new TomlMapper().createObjectNode() : tree);
        return new Parsed(project, file, reader.lines);
    }

    private ProjectFile project(JsonNode tree) throws ModelException {
        var names = tree.fieldNames();
        while (names.hasNext()) {
            var name = names.next();
            if (!TABLES.contains(name)) {
                throw error("/" + name, name + ": unknown table or key (known: [program], [build], [[module]], [[dropped]])");
            }
        }
        var program = table(tree, "program", PROGRAM_KEYS);
        var build = table(tree, "build", BUILD_KEYS);
        var modules = new ArrayList<ProjectFile.Module>();
        int index = 0;
        for (var node : tables(tree, "module")) {
            var at = "/module/" + index++;
            known(node, at, "[[module]]", MODULE_KEYS);
            var source = string(node, at, "[[module]]", "source")
                    .orElseThrow(() -> error(at, "[[module]]: 'source' is missing"));
            modules.add(new ProjectFile.Module(source, string(node, at, "[[module]]", "directory"),
                    strings(node, at, "[[module]]", "flags")));
        }
        var dropped = new ArrayList<DroppedFlag>();
        index = 0;
        for (var node : tables(tree, "dropped")) {
            var at = "/dropped/" + index++;
            known(node, at, "[[dropped]]", DROPPED_KEYS);
            dropped.add(new DroppedFlag(string(node, at, "[[dropped]]", "flag").orElse(""),
                    string(node, at, "[[dropped]]", "reason").orElse("")));
        }
        return new ProjectFile(string(program, "/program", "[program]", "name"),
                strings(program, "/program", "[program]", "args"),
                string(program, "/program", "[program]", "directory"),
                env(program),
                string(build, "/build", "[build]", "cc"),
                string(build, "/build", "[build]", "compile_database"),
                string(build, "/build", "[build]", "directory"),
                strings(build, "/build", "[build]", "sources"),
                strings(build, "/build", "[build]", "exclude"),
                strings(build, "/build", "[build]", "flags"),
                strings(build, "/build", "[build]", "include_dirs"),
                strings(build, "/build", "[build]", "defines"),
                strings(build, "/build", "[build]", "pkg_config"),
                strings(build, "/build", "[build]", "link"),
                modules, dropped);
    }

    private JsonNode table(JsonNode tree, String name, List<String> keys) throws ModelException {
        var node = tree.get(name);
        if (node == null) {
            return new TomlMapper().createObjectNode();
        }
        if (!node.isObject()) {
            throw error("/" + name, "[" + name + "] must be a table, written [" + name + "]");
        }
        known(node, "/" + name, "[" + name + "]", keys);
        return node;
    }

    private List<JsonNode> tables(JsonNode tree, String name) throws ModelException {
        var node = tree.get(name);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("/" + name, name + " must be written [[" + name + "]], once per entry");
        }
        var list = new ArrayList<JsonNode>();
        int index = 0;
        for (var element : node) {
            if (!element.isObject()) {
                throw error("/" + name + "/" + index, "[[" + name + "]] entries must be tables");
            }
            list.add(element);
            index++;
        }
        return list;
    }

    private void known(JsonNode node, String at, String table, List<String> keys) throws ModelException {
        var names = node.fieldNames();
        while (names.hasNext()) {
            var key = names.next();
            if (!keys.contains(key)) {
                throw error(at + "/" + key, table + " " + key + ": unknown key (known: " + String.join(", ", keys) + ")");
            }
        }
    }

    private Optional<String> string(JsonNode node, String at, String table, String key) throws ModelException {
        var value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw error(at + "/" + key, table + " " + key + ": must be a string, like " + key + " = \"...\"");
        }
        return Optional.of(value.asText());
    }

    private List<String> strings(JsonNode node, String at, String table, String key) throws ModelException {
        var value = node.get(key);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(at + "/" + key, table + " " + key + ": must be a list of strings, like " + key + " = [\"...\"]");
        }
        var list = new ArrayList<String>();
        for (var element : value) {
            if (!element.isTextual()) {
                throw error(at + "/" + key, table + " " + key + ": must be a list of strings; " + element + " is not a string");
            }
            list.add(element.asText());
        }
        return list;
    }

    private Map<String, String> env(JsonNode program) throws ModelException {
        var value = program.get("env");
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw error("/program/env", "[program] env: must be a table, like env = { NAME = \"value\" }");
        }
        var env = new LinkedHashMap<String, String>();
        for (var field : value.properties()) {
            if (!field.getValue().isTextual()) {
                throw error("/program/env", "[program] env: " + field.getKey() + " must be a string");
            }
            env.put(field.getKey(), field.getValue().asText());
        }
        return env;
    }

    /** An error at the key {@code pointer}: {@code hcr.toml:12: message}. */
    ModelException error(String pointer, String message) {
        return new ModelException(where(lines.of(pointer)) + message);
    }

    private String where(int line) {
        return line > 0 ? file + ":" + line + ": " : file + ": ";
    }

    /** hcr.toml's text for {@code project}: commented, one key a line, lists one item a line when long. */
    public static String write(ProjectFile project, List<String> headerComment) {
        return new HcrTomlWriter(project, headerComment).text();
    }
}
