package hcr.compiler.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text form of a {@link Manifest}: one record a line, fields separated by one space, in the
 * order of docs/internals.md section 6. Offsets are written in hexadecimal with {@code 0x}.
 */
final class ManifestText {
    static final String HEADER = "hcr-manifest 1";

    private ManifestText() {
    }

    static String format(Manifest manifest) {
        var out = new Lines();
        out.add("hcr-manifest", "1");
        out.add("generation", Integer.toString(manifest.generation()));
        out.add("arch", manifest.arch());
        out.add("group", manifest.group());
        if (manifest.delta() != null) {
            out.add("delta", manifest.delta().file(), Integer.toString(manifest.delta().base()));
        }
        manifest.stubs().forEach(stub -> out.add("stubs", stub));
        for (var module : manifest.modules()) {
            if (!Manifest.STATES.contains(module.state())) {
                throw new IllegalArgumentException("module '" + module.id() + "': state '" + module.state()
                        + "' is not one of new, changed, kept");
            }
            out.add("module", module.id(), module.file(), module.state());
        }
        manifest.removed().forEach(id -> out.add("removed", id));
        manifest.functions().forEach(f -> out.add("func", f.moduleId(), f.cname(), f.linkName()));
        manifest.globals().forEach(g -> out.add("global", g.moduleId(), g.cname(), g.linkName(),
                Long.toString(g.size())));
        manifest.statics().forEach(s -> out.add("static", s.moduleId(), s.name(),
                "0x" + Long.toHexString(s.offset()), Long.toString(s.size())));
        manifest.statics().stream().filter(s -> s.sites() != null).forEach(s -> out.add("staticref", s.moduleId(),
                s.name(), offsets(s.sites().pc32()), offsets(s.sites().abs64())));
        manifest.uses().forEach(u -> out.add("uses", concat(u.moduleId(), u.used())));
        manifest.hooks().forEach(h -> out.add("hook", h.moduleId(), h.kind(), h.name(),
                "0x" + Long.toHexString(h.offset()), Long.toString(h.size())));
        manifest.entries().forEach(e -> out.add("entry", e.moduleId(), e.name(), "0x" + Long.toHexString(e.offset())));
        return out.toString();
    }

    /** A staticref list: {@code 0x} offsets joined by {@code ,}, or {@code -} for none. */
    private static String offsets(List<Long> offsets) {
        if (offsets.isEmpty()) {
            return "-";
        }
        var text = new StringBuilder();
        for (long offset : offsets) {
            text.append(text.length() == 0 ? "0x" : ",0x").append(Long.toHexString(offset));
        }
        return text.toString();
    }

    private static String[] concat(String first, List<String> rest) {
        var all = new ArrayList<String>();
        all.add(first);
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    /** Builds the text, refusing fields that would break the line format. */
    private static final class Lines {
        private final StringBuilder text = new StringBuilder();

        void add(String kind, String... fields) {
            text.append(kind);
            for (var field : fields) {
                if (field == null || field.isEmpty() || hasWhiteSpace(field)) {
                    throw new IllegalArgumentException("manifest record '" + kind + "': field '" + field
                            + "' is empty or contains white space");
                }
                text.append(' ').append(field);
            }
            text.append('\n');
        }

        /** A plain loop: a 200-module manifest has thousands of fields, and a stream per field showed in profiles. */
        private static boolean hasWhiteSpace(String field) {
            for (int i = 0; i < field.length(); i++) {
                if (Character.isWhitespace(field.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    static Manifest parse(Path file) throws IOException {
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        var records = new Records(file);
        for (int i = 0; i < lines.size(); i++) {
            records.accept(i + 1, lines.get(i));
        }
        return records.manifest();
    }

    /** Collects the records of a manifest being read, line by line. */
    private static final class Records {
        private final Path file;
        private boolean header;
        private Integer generation;
        private String arch;
        private String group;
        private Manifest.Delta delta;
        private final List<String> stubs = new ArrayList<>();
        private final List<Manifest.Module> modules = new ArrayList<>();
        private final List<String> removed = new ArrayList<>();
        private final List<Manifest.Function> functions = new ArrayList<>();
        private final List<Manifest.Global> globals = new ArrayList<>();
        private final List<Manifest.Static> statics = new ArrayList<>();
        private final Map<String, Manifest.Sites> sites = new HashMap<>(); // module + " " + static name
        private final List<Manifest.Uses> uses = new ArrayList<>();
        private final Set<String> using = new HashSet<>();
        private final List<Manifest.Hook> hooks = new ArrayList<>();
        private final Set<String> hooked = new HashSet<>();
        private final List<Manifest.Entry> entries = new ArrayList<>();
        private final Set<String> entered = new HashSet<>();

        Records(Path file) {
            this.file = file;
        }

        void accept(int number, String line) throws IOException {
            if (line.startsWith("#") || line.isEmpty()) {
                return;
            }
            var where = file + ":" + number + ": ";
            var f = line.split(" ", -1);
            if (!header) {
                if (!line.equals(HEADER)) {
                    throw new IOException(where + "expected '" + HEADER + "', found '" + line + "'");
                }
                header = true;
                return;
            }
            for (var field : f) {
                if (field.isEmpty()) {
                    throw new IOException(where + "empty field (fields are separated by one space): '" + line + "'");
                }
            }
            try {
                switch (f[0]) {
                    case "generation" -> {
                        fields(f, 1, where);
                        if (generation != null) {
                            throw new IOException(where + "a second 'generation' record");
                        }
                        generation = Integer.parseInt(f[1]);
                    }
                    case "arch" -> arch = single(f, arch, where);
                    case "group" -> group = single(f, group, where);
                    case "delta" -> delta(f, where);
                    case "stubs" -> stubs.add(fields(f, 1, where)[1]);
                    case "module" -> {
                        fields(f, 3, where);
                        if (!Manifest.STATES.contains(f[3])) {
                            throw new IOException(where + "module '" + f[1] + "': state '" + f[3]
                                    + "' is not one of new, changed, kept");
                        }
                        modules.add(new Manifest.Module(f[1], f[2], f[3]));
                    }
                    case "removed" -> removed.add(fields(f, 1, where)[1]);
                    case "func" -> functions.add(new Manifest.Function(fields(f, 3, where)[1], f[2], f[3]));
                    case "global" -> globals.add(new Manifest.Global(fields(f, 4, where)[1], f[2], f[3],
                            Long.parseLong(f[4])));
                    case "static" -> statics.add(new Manifest.Static(fields(f, 4, where)[1], f[2], hex(f[3], where),
                            Long.parseLong(f[4])));
                    case "staticref" -> staticref(f, where);
                    case "uses" -> uses(f, where);
                    case "hook" -> hook(f, where);
                    case "entry" -> entry(f, where);
                    default -> {
                        // an unknown record kind: written by a newer compiler, ignored
                    }
                }
            } catch (NumberFormatException e) {
                throw new IOException(where + "bad number in '" + line + "'", e);
            }
        }

        /** {@code delta <file> <base-generation>}: at most once, its base a generation before this one. */
        private void delta(String[] f, String where) throws IOException {
            fields(f, 2, where);
            if (delta != null) {
                throw new IOException(where + "a second 'delta' record");
            }
            int base = Integer.parseInt(f[2]);
            if (base < 1 || (generation != null && base >= generation)) {
                throw new IOException(where + "delta base generation " + base + " is not before generation "
                        + generation);
            }
            delta = new Manifest.Delta(f[1], base);
        }

        /** {@code staticref <module> <name> <pc32> <abs64>}: once per (module, static). */
        private void staticref(String[] f, String where) throws IOException {
            fields(f, 4, where);
            if (sites.put(f[1] + " " + f[2], new Manifest.Sites(offsets(f[3], where), offsets(f[4], where))) != null) {
                throw new IOException(where + "a second 'staticref' of static '" + f[2] + "' of module '" + f[1] + "'");
            }
        }

        private static List<Long> offsets(String field, String where) throws IOException {
            if (field.equals("-")) {
                return List.of();
            }
            var offsets = new ArrayList<Long>();
            for (var offset : field.split(",", -1)) {
                offsets.add(hex(offset, where));
            }
            return offsets;
        }

        /** {@code uses <module> <module>...}: one record per module, naming at least one. */
        private void uses(String[] f, String where) throws IOException {
            if (f.length < 3) {
                throw new IOException(where + "'uses' needs a module and at least one module it uses");
            }
            if (!using.add(f[1])) {
                throw new IOException(where + "a second 'uses' record for module '" + f[1] + "'");
            }
            uses.add(new Manifest.Uses(f[1], List.of(f).subList(2, f.length)));
        }

        /** {@code hook <module> <kind> <name> <offset> <size>}; a (module, kind, name) once. */
        private void hook(String[] f, String where) throws IOException {
            fields(f, 5, where);
            if (!Manifest.HOOK_KINDS.contains(f[2])) {
                throw new IOException(where + "hook kind '" + f[2] + "' is not one of init, before, after, state");
            }
            if (!hooked.add(f[1] + " " + f[2] + " " + f[3])) {
                throw new IOException(where + "a second '" + f[2] + "' hook '" + f[3] + "' of module '" + f[1] + "'");
            }
            hooks.add(new Manifest.Hook(f[1], f[2], f[3], hex(f[4], where), Long.parseLong(f[5])));
        }

        /** {@code entry <module> <name> <offset>}; a (module, name) once. */
        private void entry(String[] f, String where) throws IOException {
            fields(f, 3, where);
            if (!entered.add(f[1] + " " + f[2])) {
                throw new IOException(where + "a second entry '" + f[2] + "' of module '" + f[1] + "'");
            }
            entries.add(new Manifest.Entry(f[1], f[2], hex(f[3], where)));
        }

        private static String[] fields(String[] f, int count, String where) throws IOException {
            if (f.length != count + 1) {
                throw new IOException(where + "'" + f[0] + "' needs " + count + " field" + (count == 1 ? "" : "s")
                        + ", found " + (f.length - 1));
            }
            return f;
        }

        private static String single(String[] f, String previous, String where) throws IOException {
            fields(f, 1, where);
            if (previous != null) {
                throw new IOException(where + "a second '" + f[0] + "' record");
            }
            return f[1];
        }

        private static long hex(String field, String where) throws IOException {
            if (!field.startsWith("0x")) {
                throw new IOException(where + "offset '" + field + "' is not hexadecimal 0x...");
            }
            return Long.parseUnsignedLong(field.substring(2), 16);
        }

        Manifest manifest() throws IOException {
            if (!header) {
                throw new IOException(file + ": empty manifest, expected '" + HEADER + "'");
            }
            for (var missing : new String[] {generation == null ? "generation" : null, arch == null ? "arch" : null,
                    group == null ? "group" : null}) {
                if (missing != null) {
                    throw new IOException(file + ": no '" + missing + "' record");
                }
            }
            if (delta != null && delta.base() >= generation) {
                throw new IOException(file + ": delta base generation " + delta.base() + " is not before generation "
                        + generation);
            }
            var withSites = statics.stream().map(s -> s.withSites(sites.get(s.moduleId() + " " + s.name()))).toList();
            return new Manifest(generation, arch, group, stubs, modules, removed, functions, globals, withSites, uses,
                    hooks, delta, entries);
        }
    }
}
