package hcr.project.init;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import hcr.project.FlagPolicy;
import hcr.project.ModelException;
import hcr.project.ProgramModel;
import hcr.project.ProgramModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The round trip, checked against bear's recording read here on its own (raw JSON, not through
 * hcr init's classes): every module of the model hcr.toml gives has a recorded compile of its
 * source ({@code -c}, or compiled and linked in one command, whose other files are then left
 * out), run in the module's directory, whose flags are the module's once {@link FlagPolicy} has
 * filtered them.
 */
final class RecordedCompiles {
    private record Recorded(Path directory, List<String> arguments) {
    }

    private RecordedCompiles() {
    }

    /** Loads {@code dir}'s hcr.toml as every hcr command does and checks each module against the recording. */
    static ProgramModel assertRoundTrip(Path dir) throws ModelException {
        var model = ProgramModels.load(dir, dir.resolve(".hcr"));
        var recorded = read(dir.resolve(ProjectInit.RECORDING));
        for (var module : model.modules()) {
            var matches = new ArrayList<String>();
            boolean found = false;
            for (var compile : recorded) {
                var options = compile.arguments().subList(1, compile.arguments().size());
                boolean linksToo = !options.contains("-c");
                for (var word : options) {
                    if (real(compile.directory().resolve(word)).equals(real(module.source()))) {
                        var flags = new ArrayList<>(FlagPolicy.compileFlags(options, word).kept());
                        if (linksToo) {
                            flags.removeIf(f -> !f.startsWith("-") && f.matches(".*\\.(c|o|a|so)"));
                        }
                        matches.add(compile.directory() + ": " + flags);
                        found |= real(compile.directory()).equals(real(module.directory())) && flags.equals(module.flags());
                    }
                }
            }
            assertTrue(found, module.source() + " in " + module.directory() + " with " + module.flags()
                    + " is none of the recorded compiles of it: " + matches);
        }
        return model;
    }

    private static List<Recorded> read(Path recording) {
        var mapper = new ObjectMapper();
        var list = new ArrayList<Recorded>();
        try {
            for (var line : Files.readAllLines(recording)) {
                var event = mapper.readTree(line);
                if (event.has("started")) {
                    var execution = event.get("started").get("execution");
                    var arguments = new ArrayList<String>();
                    execution.get("arguments").forEach(a -> arguments.add(a.asText()));
                    list.add(new Recorded(Path.of(execution.get("working_dir").asText()), arguments));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
