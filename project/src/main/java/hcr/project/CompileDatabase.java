package hcr.project;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code compile_commands.json} (the JSON compilation database CMake, Meson, Bear and others
 * write): one entry per compile, each with {@code directory}, {@code file}, and either
 * {@code arguments} (a list) or {@code command} (one shell-quoted line), optionally
 * {@code output}. Only C sources ({@code .c}) are read; a file compiled twice (a library built
 * both shared and static) counts once, with its first command.
 */
public final class CompileDatabase {

    /** One compile of the database. */
    public record Entry(Path source, Path directory, String compiler, List<String> arguments) {
        public Entry {
            arguments = List.copyOf(arguments);
        }
    }

    private CompileDatabase() {
    }

    /** The C compiles of {@code file}, in the database's order. */
    public static List<Entry> read(Path file) throws ModelException {
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ModelException(file + ": no such file");
        } catch (JacksonException e) {
            var location = e.getLocation();
            throw new ModelException(file + (location == null ? "" : ":" + location.getLineNr()) + ": not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read: " + e.getMessage());
        }
        if (tree == null || !tree.isArray()) {
            throw new ModelException(file + ": a compile database is a JSON array of entries");
        }
        var entries = new LinkedHashMap<Path, Entry>();
        int index = 0;
        for (var node : tree) {
            var entry = entry(file, index++, node);
            if (entry != null) {
                entries.putIfAbsent(entry.source(), entry);
            }
        }
        return List.copyOf(entries.values());
    }

    private static Entry entry(Path file, int index, JsonNode node) throws ModelException {
        var where = file + ": entry " + (index + 1);
        if (!node.isObject() || !node.path("directory").isTextual() || !node.path("file").isTextual()) {
            throw new ModelException(where + ": needs \"directory\" and \"file\"");
        }
        var directory = file.getParent().resolve(node.get("directory").asText()).normalize();
        var fileName = node.get("file").asText();
        if (!fileName.endsWith(".c")) {
            return null;
        }
        var source = directory.resolve(fileName).normalize();
        List<String> words;
        if (node.path("arguments").isArray()) {
            words = new ArrayList<>();
            for (var word : node.get("arguments")) {
                words.add(word.asText());
            }
        } else if (node.path("command").isTextual()) {
            try {
                words = ShellWords.split(node.get("command").asText());
            } catch (IllegalArgumentException e) {
                throw new ModelException(where + ": " + e.getMessage());
            }
        } else {
            throw new ModelException(where + ": needs \"arguments\" or \"command\"");
        }
        if (words.isEmpty()) {
            throw new ModelException(where + ": the command is empty");
        }
        var arguments = new ArrayList<>(words.subList(1, words.size()));
        // the source as the command names it: the "file" value, or the one argument naming the same file
        var named = fileName;
        for (var argument : arguments) {
            if (!argument.startsWith("-") && directory.resolve(argument).normalize().equals(source)) {
                named = argument;
            }
        }
        var finalNamed = named;
        arguments.removeIf(a -> a.equals(finalNamed));
        return new Entry(source, directory, words.get(0), arguments);
    }

    /** The compiler most entries use. */
    public static String commonCompiler(List<Entry> entries) {
        var counts = new LinkedHashMap<String, Integer>();
        entries.forEach(e -> counts.merge(e.compiler(), 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("cc");
    }
}
