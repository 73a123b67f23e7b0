package hcr.compiler;

import hcr.compiler.link.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The compiler's memory on disk, {@code state/build-state}: a small line-oriented text file,
 * written to a temporary file and renamed over, so it is always the state of one published
 * generation. Its format is private to the compiler:
 *
 * <pre>
 * hcr-build-state 2
 * generation 4
 * libraries &lt;digest&gt;
 * stub libhcrstubs.1.so
 * module &lt;id&gt; &lt;key&gt; &lt;object&gt; &lt;object-digest&gt; &lt;library&gt; &lt;renames-digest&gt;
 * header &lt;path, to the end of the line&gt;
 * static &lt;name&gt; &lt;offset&gt; &lt;size&gt;
 * staticref &lt;name&gt; &lt;pc32&gt; &lt;abs64&gt;    the sites of the static just above, when known
 * hook &lt;kind&gt; &lt;name&gt; &lt;offset&gt; &lt;size&gt;
 * entry &lt;name&gt; &lt;offset&gt;                a function's patchable entry
 * </pre>
 *
 * Offsets are hexadecimal without {@code 0x}; a list of sites joins them with {@code ,}, or is
 * {@code -} when empty. A state of another version (1 had no hooks) is not
 * understood, and everything is rebuilt.
 */
final class BuildStateFile {
    private static final String MAGIC = "hcr-build-state 2";
    private final Path file;

    BuildStateFile(Path file) {
        this.file = file;
    }

    /**
     * The saved state, {@link BuildState#EMPTY} when there is none or it cannot be understood
     * (then everything is rebuilt).
     */
    BuildState load() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return BuildState.EMPTY;
        }
        try {
            return parse(lines);
        } catch (RuntimeException e) {
            return BuildState.EMPTY;
        }
    }

    private static BuildState parse(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
            return BuildState.EMPTY;
        }
        int generation = 0;
        var libraries = "";
        var stubs = new ArrayList<String>();
        var modules = new LinkedHashMap<String, ModuleRecord>();
        ModuleFields current = null;
        for (var line : lines.subList(1, lines.size())) {
            var space = line.indexOf(' ');
            var kind = space < 0 ? line : line.substring(0, space);
            var rest = space < 0 ? "" : line.substring(space + 1);
            switch (kind) {
                case "generation" -> generation = Integer.parseInt(rest);
                case "libraries" -> libraries = rest;
                case "stub" -> stubs.add(rest);
                case "module" -> {
                    if (current != null) {
                        modules.put(current.id(), current.toRecord());
                    }
                    var f = rest.split(" ");
                    current = new ModuleFields(f[0], f[1], f[2], f[3], f[4], f[5], new ArrayList<>(), new ArrayList<>(),
                            new ArrayList<>(), new ArrayList<>());
                }
                case "header" -> current.headers().add(Path.of(rest));
                case "static" -> {
                    var f = rest.split(" ");
                    current.statics().add(new Manifest.Static(current.id(), f[0], Long.parseUnsignedLong(f[1], 16),
                            Long.parseLong(f[2])));
                }
                case "staticref" -> {
                    var f = rest.split(" ");
                    var statics = current.statics();
                    var last = statics.get(statics.size() - 1);
                    if (!last.name().equals(f[0])) {
                        throw new IllegalArgumentException("staticref of " + f[0] + " after static " + last.name());
                    }
                    statics.set(statics.size() - 1, last.withSites(new Manifest.Sites(offsets(f[1]), offsets(f[2]))));
                }
                case "hook" -> {
                    var f = rest.split(" ");
                    current.hooks().add(new Manifest.Hook(current.id(), f[0], f[1], Long.parseUnsignedLong(f[2], 16),
                            Long.parseLong(f[3])));
                }
                case "entry" -> {
                    var f = rest.split(" ");
                    current.entries().add(new Manifest.Entry(current.id(), f[0], Long.parseUnsignedLong(f[1], 16)));
                }
                default -> throw new IllegalArgumentException("unknown record " + kind);
            }
        }
        if (current != null) {
            modules.put(current.id(), current.toRecord());
        }
        return new BuildState(generation, libraries, stubs, modules);
    }

    private static List<Long> offsets(String field) {
        var offsets = new ArrayList<Long>();
        if (!field.equals("-")) {
            for (var offset : field.split(",")) {
                offsets.add(Long.parseUnsignedLong(offset, 16));
            }
        }
        return offsets;
    }

    private static String offsets(List<Long> offsets) {
        return offsets.isEmpty() ? "-"
                : String.join(",", offsets.stream().map(Long::toHexString).toList());
    }

    private record ModuleFields(String id, String key, String object, String objectHash, String library,
                                String renamesHash, List<Path> headers, List<Manifest.Static> statics,
                                List<Manifest.Hook> hooks, List<Manifest.Entry> entries) {
        ModuleRecord toRecord() {
            return new ModuleRecord(id, key, object, objectHash, headers, library, renamesHash, statics, hooks,
                    entries);
        }
    }

    /** Writes {@code state} atomically. */
    void save(BuildState state) throws IOException {
        write(format(state));
    }

    /** The text {@link #save} writes for {@code state}. */
    static String format(BuildState state) {
        var text = new StringBuilder(MAGIC).append('\n');
        text.append("generation ").append(state.generation()).append('\n');
        text.append("libraries ").append(state.libraries()).append('\n');
        state.stubs().forEach(stub -> text.append("stub ").append(stub).append('\n'));
        for (var module : state.modules().values()) {
            text.append("module ").append(String.join(" ", module.id(), module.key(), module.object(),
                    module.objectHash(), module.library(), module.renamesHash())).append('\n');
            module.headers().forEach(header -> text.append("header ").append(header).append('\n'));
            for (var s : module.statics()) {
                text.append("static ").append(s.name()).append(' ').append(Long.toHexString(s.offset())).append(' ')
                        .append(s.size()).append('\n');
                if (s.sites() != null) {
                    text.append("staticref ").append(s.name()).append(' ').append(offsets(s.sites().pc32()))
                            .append(' ').append(offsets(s.sites().abs64())).append('\n');
                }
            }
            module.hooks().forEach(h -> text.append("hook ").append(h.kind()).append(' ').append(h.name()).append(' ')
                    .append(Long.toHexString(h.offset())).append(' ').append(h.size()).append('\n'));
            module.entries().forEach(e -> text.append("entry ").append(e.name()).append(' ')
                    .append(Long.toHexString(e.offset())).append('\n'));
        }
        return text.toString();
    }

    /** Writes a state's {@link #format text} atomically. */
    void write(String text) throws IOException {
        var temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
