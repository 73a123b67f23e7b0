package hcr.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds what describes the program in a project directory and reads it: {@code hcr.toml} when
 * there is one; otherwise a {@code compile_commands.json} at the root or under {@code build/};
 * otherwise the folder itself (every {@code .c} file a module, as hcr always did). One instance
 * serves a dev server: it reads the description again on every {@link #load()} (globs see new
 * files, an edited hcr.toml is picked up) and remembers only what pkg-config said.
 */
public final class ProgramModels {
    private final Path root;
    private final Path buildDir;
    private final PkgConfig pkgConfig = new PkgConfig();

    /** @param buildDir hcr's build folder (never searched for sources) */
    public ProgramModels(Path root, Path buildDir) {
        this.root = root.toAbsolutePath().normalize();
        this.buildDir = buildDir.toAbsolutePath().normalize();
    }

    /** The program as described now. */
    public ProgramModel load() throws ModelException {
        return load(root, buildDir, pkgConfig);
    }

    /** The files whose presence or change makes {@link #load} answer differently. */
    public static List<Path> candidates(Path root) {
        var top = root.toAbsolutePath().normalize();
        return List.of(top.resolve(HcrToml.FILE_NAME), top.resolve("compile_commands.json"),
                top.resolve("build").resolve("compile_commands.json"));
    }

    /**
     * The program in {@code root}.
     *
     * @param buildDir hcr's build folder (never searched for sources)
     */
    public static ProgramModel load(Path root, Path buildDir) throws ModelException {
        return load(root, buildDir, new PkgConfig());
    }

    private static ProgramModel load(Path root, Path buildDir, PkgConfig pkgConfig) throws ModelException {
        var top = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(top)) {
            throw new ModelException("project directory " + top + " does not exist or is not a directory");
        }
        var toml = top.resolve(HcrToml.FILE_NAME);
        if (Files.exists(toml)) {
            return new ModelResolver(HcrToml.readParsed(toml), buildDir, pkgConfig).resolve();
        }
        for (var database : candidates(top).subList(1, 3)) {
            if (Files.isRegularFile(database)) {
                return fromDatabase(top, database);
            }
        }
        return ProgramModel.folder(top);
    }

    private static ProgramModel fromDatabase(Path root, Path database) throws ModelException {
        var entries = CompileDatabase.read(database);
        if (entries.isEmpty()) {
            throw new ModelException(database + ": no C source (.c) compiled in it");
        }
        var modules = new ArrayList<ModuleSource>();
        var dropped = new ArrayList<DroppedFlag>();
        for (var entry : entries) {
            var filtered = FlagPolicy.compileFlags(entry.arguments(), null);
            filtered.dropped().forEach(d -> DroppedFlag.addOnce(dropped, d));
            modules.add(new ModuleSource(entry.source(), entry.directory(), filtered.kept()));
        }
        return new ProgramModel(root, ProgramModel.Origin.COMPILE_DATABASE, Optional.empty(),
                Optional.of(CompileDatabase.commonCompiler(entries)), modules, List.of(), List.of(), Optional.empty(),
                Map.of(), dropped, List.of(database));
    }
}
