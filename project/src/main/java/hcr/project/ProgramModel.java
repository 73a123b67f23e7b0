package hcr.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The program hcr builds, runs and reloads, from wherever it was described: a hand-written or
 * {@code hcr init}-written hcr.toml, a compile database, or a bare folder of C files.
 *
 * @param root         the project directory
 * @param origin       where the description came from
 * @param name         the program's name (its {@code argv[0]}, the release executable); empty for
 *                     the project folder's name
 * @param cc           the C compiler command (may hold words, {@code "ccache gcc"}); empty for
 *                     the default ({@code $CC} or {@code cc})
 * @param modules      every module with its compile command; empty for {@link Origin#FOLDER},
 *                     where every {@code .c} under the root is a module compiled with hcr's
 *                     defaults
 * @param linkInputs   what every module library and the release executable link with:
 *                     {@code -lm}, {@code -L...}, absolute library paths, {@code -Wl,...}
 * @param programArgs  the program's default arguments; empty when none are given
 * @param workingDir   where the program runs; empty for hcr's own working directory
 * @param environment  added to the program's environment
 * @param dropped      flags of the program's own build left out, and why
 * @param definition   the files the description was read from (hcr.toml, the compile
 *                     database): a change to any of them means the model must be read again
 */
public record ProgramModel(Path root, Origin origin, Optional<String> name, Optional<String> cc, List<ModuleSource> modules,
                           List<String> linkInputs, List<String> programArgs, Optional<Path> workingDir,
                           Map<String, String> environment, List<DroppedFlag> dropped, List<Path> definition) {

    /** Where a model came from. */
    public enum Origin {
        /** No description: every {@code .c} file under the root, hcr's default flags. */
        FOLDER,
        /** {@code <root>/hcr.toml} (which may name a compile database). */
        HCR_TOML,
        /** A {@code compile_commands.json} found at the root or under {@code build/}, no hcr.toml. */
        COMPILE_DATABASE
    }

    public ProgramModel {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(origin, "origin");
        modules = List.copyOf(modules);
        linkInputs = List.copyOf(linkInputs);
        programArgs = List.copyOf(programArgs);
        environment = Map.copyOf(environment);
        dropped = List.copyOf(dropped);
        definition = List.copyOf(definition);
    }

    /** The model of a bare folder: every {@code .c} file is a module, no link inputs. */
    public static ProgramModel folder(Path root) {
        return new ProgramModel(root.toAbsolutePath().normalize(), Origin.FOLDER, Optional.empty(), Optional.empty(), List.of(),
                List.of(), List.of(), Optional.empty(), Map.of(), List.of(), List.of());
    }

    /** True for a bare folder of C files. */
    public boolean isFolder() {
        return origin == Origin.FOLDER;
    }
}
