package hcr.compiler.link;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The manifest of a published generation, {@code gen/N/manifest} (docs/internals.md section 6):
 * what the runtime loads and binds. Immutable; {@link #write} and {@link #read} use the text
 * format of the contract exactly.
 */
public record Manifest(int generation, String arch, String group, List<String> stubs,
                       List<Manifest.Module> modules, List<String> removed,
                       List<Manifest.Function> functions, List<Manifest.Global> globals,
                       List<Manifest.Static> statics, List<Manifest.Uses> uses, List<Manifest.Hook> hooks,
                       Manifest.Delta delta) {

    /** The module states: {@code new}, {@code changed}, {@code kept}. */
    public static final Set<String> STATES = Set.of("new", "changed", "kept");

    /** The hook kinds of hcr.h (docs/internals.md section 10). */
    public static final Set<String> HOOK_KINDS = Set.of("init", "before", "after", "state");

    /** A live module and its library; state is {@code new | changed | kept}. */
    public record Module(String id, String file, String state) {}

    /**
     * The delta group of generation N (docs/internals.md section 4): a group library needing only
     * what is new relative to generation {@code base} = N-1, for a runtime that has N-1 loaded.
     */
    public record Delta(String file, int base) {
        public Delta {
            if (base < 1) {
                throw new IllegalArgumentException("delta '" + file + "': base generation " + base + " is not positive");
            }
        }
    }

    public record Function(String moduleId, String cname, String linkName) {}

    public record Global(String moduleId, String cname, String linkName, long size) {}

    /** A writable file- or function-static; {@code offset} is its st_value in the module's library. */
    public record Static(String moduleId, String name, long offset, long size) {}

    /**
     * The other live modules whose symbols {@code moduleId} references: the edges of the
     * graph that orders the program's handlers, leaves first. Held sorted, each once; never empty.
     */
    public record Uses(String moduleId, List<String> used) {
        public Uses {
            used = List.copyOf(new TreeSet<>(used));
            if (used.isEmpty()) {
                throw new IllegalArgumentException("module '" + moduleId + "': a uses record needs a module");
            }
        }
    }

    /**
     * A program-API hook of hcr.h: the local descriptor object {@code hcr__<kind>__<name>} of a
     * module, at {@code offset} (its st_value) in the module's library, {@code size} bytes.
     */
    public record Hook(String moduleId, String kind, String name, long offset, long size) {
        public Hook {
            if (!HOOK_KINDS.contains(kind)) {
                throw new IllegalArgumentException("hook kind '" + kind + "' is not one of init, before, after, state");
            }
        }
    }

    public Manifest {
        stubs = List.copyOf(stubs);
        modules = List.copyOf(modules);
        removed = List.copyOf(removed);
        functions = List.copyOf(functions);
        globals = List.copyOf(globals);
        statics = List.copyOf(statics);
        uses = List.copyOf(uses);
        hooks = List.copyOf(hooks);
        if (delta != null && delta.base() >= generation) {
            throw new IllegalArgumentException("delta '" + delta.file() + "': base generation " + delta.base()
                    + " is not before generation " + generation);
        }
    }

    /** A manifest without a delta group ({@code delta} is {@code null}: a first generation, or none). */
    public Manifest(int generation, String arch, String group, List<String> stubs, List<Module> modules,
                    List<String> removed, List<Function> functions, List<Global> globals, List<Static> statics,
                    List<Uses> uses, List<Hook> hooks) {
        this(generation, arch, group, stubs, modules, removed, functions, globals, statics, uses, hooks, null);
    }

    /** A manifest without a uses graph (kept for callers written before it existed). */
    public Manifest(int generation, String arch, String group, List<String> stubs, List<Module> modules,
                    List<String> removed, List<Function> functions, List<Global> globals, List<Static> statics,
                    List<Hook> hooks) {
        this(generation, arch, group, stubs, modules, removed, functions, globals, statics, List.of(), hooks, null);
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
