package hcr.compiler.link;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The manifest of a published generation, {@code gen/N/manifest} (docs/internals.md section 6):
 * what the runtime loads and binds. Immutable; {@link #write} and {@link #read} use the text
 * format of the contract exactly.
 */
public record Manifest(int generation, String arch, String group, List<String> stubs,
                       List<Manifest.Module> modules, List<String> removed,
                       List<Manifest.Function> functions, List<Manifest.Global> globals,
                       List<Manifest.Static> statics, List<Manifest.Hook> hooks) {

    /** The module states: {@code new}, {@code changed}, {@code kept}. */
    public static final Set<String> STATES = Set.of("new", "changed", "kept");

    /** A live module and its library; state is {@code new | changed | kept}. */
    public record Module(String id, String file, String state) {}

    public record Function(String moduleId, String cname, String linkName) {}

    public record Global(String moduleId, String cname, String linkName, long size) {}

    /** A writable file- or function-static; {@code offset} is its st_value in the module's library. */
    public record Static(String moduleId, String name, long offset, long size) {}

    public record Hook(String moduleId, String kind, String linkName) {}

    public Manifest {
        stubs = List.copyOf(stubs);
        modules = List.copyOf(modules);
        removed = List.copyOf(removed);
        functions = List.copyOf(functions);
        globals = List.copyOf(globals);
        statics = List.copyOf(statics);
        hooks = List.copyOf(hooks);
    }

    /** Writes the manifest (aside, then renamed into place). */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, ManifestText.format(this));
    }

    /** Reads a manifest; anything malformed is an {@link IOException} naming the file and line. */
    public static Manifest read(Path file) throws IOException {
        return ManifestText.parse(file);
    }
}
