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
                       Manifest.Delta delta, List<Manifest.Entry> entries) {

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

    /**
     * A writable file- or function-static; {@code offset} is its st_value in the module's library.
     * {@code sites}, when known, is every place the library addresses it (a {@code staticref}
     * record): the runtime then makes a new version address the old storage instead of copying
     * the value; {@code null} when not known (a module linked by {@code cc -shared}).
     */
    public record Static(String moduleId, String name, long offset, long size, Sites sites) {
        /** A static whose sites are not known: carried by value across reloads. */
        public Static(String moduleId, String name, long offset, long size) {
            this(moduleId, name, offset, size, null);
        }

        /** The same static with its sites ({@code null}: none known). */
        public Static withSites(Sites sites) {
            return new Static(moduleId, name, offset, size, sites);
        }
    }

    /**
     * Every place in a module's library that addresses one static, as offsets in the library
     * (docs/internals.md section 6, {@code staticref}): {@code pc32} the 4-byte PC-relative
     * displacement fields of the code, {@code abs64} the 8-byte pointers the dynamic linker
     * relocates ({@code RELATIVE}: data words and {@code .got} slots). Held sorted, each once.
     */
    public record Sites(List<Long> pc32, List<Long> abs64) {
        public static final Sites NONE = new Sites(List.of(), List.of());

        public Sites {
            pc32 = List.copyOf(new TreeSet<>(pc32));
            abs64 = List.copyOf(new TreeSet<>(abs64));
        }

        public int count() {
            return pc32.size() + abs64.size();
        }
    }

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

    /**
     * A function of a module's library with a patchable entry, which the runtime points at the
     * function's newest version when the module is reloaded (issue 10): {@code name} as in the
     * library's {@code .symtab} ({@code add}, {@code add.part.0}, a global's link name
     * {@code hcr.f}), {@code offset} its st_value there.
     */
    public record Entry(String moduleId, String name, long offset) {}

    public Manifest {
        stubs = List.copyOf(stubs);
        modules = List.copyOf(modules);
        removed = List.copyOf(removed);
        functions = List.copyOf(functions);
        globals = List.copyOf(globals);
        statics = List.copyOf(statics);
        uses = List.copyOf(uses);
        hooks = List.copyOf(hooks);
        entries = List.copyOf(entries);
        if (delta != null && delta.base() >= generation) {
            throw new IllegalArgumentException("delta '" + delta.file() + "': base generation " + delta.base()
                    + " is not before generation " + generation);
        }
    }

    /** A manifest without entries (kept for callers written before they existed). */
    public Manifest(int generation, String arch, String group, List<String> stubs, List<Module> modules,
                    List<String> removed, List<Function> functions, List<Global> globals, List<Static> statics,
                    List<Uses> uses, List<Hook> hooks, Delta delta) {
        this(generation, arch, group, stubs, modules, removed, functions, globals, statics, uses, hooks, delta,
                List.of());
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
