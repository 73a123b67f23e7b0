package hcr.cli.bench;

import hcr.project.ProgramModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What compiling one module costs without hcr, as the program's own build compiles it: the
 * compiler and flags recorded for it (hcr.toml or a compile database), {@code -c file -o x.o} in
 * the module's own directory. No {@code -fPIC}, no {@code -g}, no link: the bare compile an
 * edit-to-effect is compared with.
 *
 * @param directory where the compile runs (the module's recorded directory)
 * @param command   the whole command, compiler first
 */
record RecordedCompile(Path directory, List<String> command) {

    RecordedCompile {
        command = List.copyOf(command);
    }

    /**
     * The recorded compile of {@code source}, writing {@code object}, with the model's compiler or
     * else {@code defaultCc}; empty when the project is a bare folder (no recorded flags) or the
     * file is not one of its modules.
     */
    static Optional<RecordedCompile> of(ProgramModel model, Path source, Path object, String defaultCc) {
        if (model.isFolder()) {
            return Optional.empty();
        }
        var file = source.toAbsolutePath().normalize();
        for (var module : model.modules()) {
            if (module.source().equals(file)) {
                var command = new ArrayList<>(List.of(model.cc().orElse(defaultCc).strip().split("\\s+")));
                command.addAll(module.flags());
                var shown = file.startsWith(module.directory()) ? module.directory().relativize(file) : file;
                command.addAll(List.of("-c", shown.toString(), "-o", object.toString()));
                return Optional.of(new RecordedCompile(module.directory(), command));
            }
        }
        return Optional.empty();
    }

    /** Runs the compile; returns the microseconds it took. */
    long micros() throws IOException {
        long start = System.nanoTime();
        Command.run(directory, command);
        return (System.nanoTime() - start) / 1000;
    }

    /** The command as a shell would show it, with the object's path shortened. */
    String text() {
        var words = new ArrayList<>(command);
        words.set(words.size() - 1, "x.o");
        return String.join(" ", words);
    }
}
