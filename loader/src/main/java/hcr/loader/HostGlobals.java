package hcr.loader;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.function.IntSupplier;

/**
 * The host's side of the globals commands: reads and writes the program's globals and statics in
 * its own memory, for the console's Globals panel.
 *
 * <p><b>Which globals.</b> Those of the loaded generation ({@code hcrGeneration()}), from its
 * manifest's {@code global} and {@code static} records; not {@code gen/current}, which may be
 * newer than what runs.
 *
 * <p><b>Where.</b> A global's storage is the first definition of its link name in the global
 * symbol scope: that is what every module version's references bound to (hcr.c, "Globals"), so
 * the address is {@code dlsym} on the process handle, which searches that scope in the same
 * order. Not the module's own handle: a reloaded module's library also defines {@code hcr.x}, an
 * unused copy that the first definition shadows. A global given fresh storage has a new link name
 * ({@code hcr.x.g7}) and is found at its new storage the same way. A static has no symbol in the
 * global scope: the runtime says where the loaded code keeps it ({@code hcrStaticStorage}), which
 * for a static shared across reloads is in the library of the version that first defined it.
 *
 * <p><b>Safely.</b> {@code dladdr} must place the address inside a loaded library, which tells a
 * {@code _Thread_local} global (its dlsym address is this thread's copy) from a real one, and
 * every byte is checked against {@code /proc/self/maps} before it is touched: a bad address is an
 * error message, never a crash of the program. Writability is the mapping's: {@code const}
 * globals live in pages the dynamic linker made read-only. Commands run on the control thread,
 * the thread that applies the host's reloads, so they never overlap one; a program using
 * {@code hcr_reload_point()} reloads on its own thread, which is still safe because libraries
 * are never unloaded (a write racing such a reload may land in storage the new generation no
 * longer uses). Values are copied with memcpy while the program runs: a value wider than the
 * machine's word may be seen half-written by a program thread reading at that moment.
 */
final class HostGlobals {

    /** Bytes of one global sent at most: enough to recognise a buffer, small for a big array. */
    static final int SHOWN_BYTES = 256;
    /** Bytes of all globals sent at most in one answer (hex doubles it), well under the line limit. */
    static final long ANSWER_BYTES = 4L << 20;

    private static final HexFormat HEX = HexFormat.of();

    /** The runtime's {@code hcrStaticStorage}: where the loaded code keeps a static, 0 when it lists none. */
    @FunctionalInterface
    interface StaticStorage {
        long address(String module, String name);
    }

    private final Path buildDir;
    private final IntSupplier generation;
    private final StaticStorage statics;
    private final NativeLibrary process = NativeLibrary.getProcess();
    private final Function dladdr = process.getFunction("dladdr");
    private ManifestGlobals manifest;

    /**
     * @param generation the runtime's {@code hcrGeneration}
     * @param statics    the runtime's {@code hcrStaticStorage}
     */
    HostGlobals(Path buildDir, IntSupplier generation, StaticStorage statics) {
        this.buildDir = buildDir.toAbsolutePath();
        this.generation = generation;
        this.statics = statics;
    }

    /**
     * A global or a static: what the answer says of it before its bytes. {@code key} and {@code value}
     * are what finds it in its library: a global's {@code link} name, a static's {@code offset}.
     */
    private record Variable(String what, String module, String name, long size, String library, String key,
                            String value) {

        static Variable of(ManifestGlobals.Global global) {
            return new Variable("global '" + global.name() + "' (module " + global.module() + ")", global.module(),
                    global.name(), global.size(), global.library(), "link", global.linkName());
        }

        static Variable of(ManifestGlobals.Static s) {
            return new Variable("static '" + s.name() + "' (module " + s.module() + ")", s.module(), s.name(), s.size(),
                    s.library(), "offset", "0x" + Long.toHexString(s.offset()));
        }
    }

    /** One variable located in memory; {@code error} says why it cannot be read ("" when it can). */
    private record Located(Variable variable, long address, String storage, String error) {
    }

    /** The answer to {@code {"cmd":"globals","id":N}}: every global and static with its current bytes. */
    JsonLine list(long id) {
        var answer = new JsonLine().put("type", "globals").put("id", id);
        ManifestGlobals globals;
        MemoryMap map;
        try {
            globals = loaded();
            map = MemoryMap.ofThisProcess();
        } catch (IOException e) {
            return answer.put("generation", generation.getAsInt()).put("error", e.getMessage());
        }
        var located = new ArrayList<Located>();
        globals.globals().forEach(global -> located.add(locate(global, map)));
        int ofGlobals = located.size();
        globals.statics().forEach(s -> located.add(locate(s, map)));
        var entries = new ArrayList<JsonLine>();
        long budget = ANSWER_BYTES;
        for (var variable : located) {
            int shown = (int) Math.min(Math.min(variable.variable().size(), SHOWN_BYTES), budget);
            budget -= shown;
            entries.add(describe(new JsonLine(), variable, map, shown));
        }
        return answer.put("generation", globals.generation()).put("globals", entries.subList(0, ofGlobals))
                .put("statics", entries.subList(ofGlobals, entries.size())).put("error", "");
    }

    /**
     * The answer to {@code {"cmd":"write-global","id":N,"name":C,"module":M,"hex":H}} ({@code module}
     * may be empty), or with {@code "kind":"static"} for the static {@code name} of module {@code M}:
     * writes exactly the variable's size in bytes, then reads them back.
     */
    JsonLine write(long id, String kind, String module, String name, String hex) {
        var answer = new JsonLine().put("type", "global-written").put("id", id);
        try {
            var globals = loaded();
            answer.put("generation", globals.generation());
            var map = MemoryMap.ofThisProcess();
            var located = kind.equals("static") ? locate(findStatic(globals, module, name), map)
                    : locate(find(globals, module, name), map);
            var variable = located.variable();
            byte[] bytes;
            try {
                bytes = HEX.parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new Refusal("cannot write " + variable.what() + ": '" + hex + "' is not hex bytes");
            }
            if (bytes.length != variable.size()) {
                throw new Refusal(variable.what() + " is " + variable.size() + " bytes: " + bytes.length + " given");
            }
            if (!located.error().isEmpty()) {
                throw new Refusal(located.error());
            }
            if (!map.writable(located.address(), variable.size())) {
                var region = map.at(located.address());
                throw new Refusal(variable.what() + " is read-only: its memory (" + (region == null ? "unmapped"
                        : region.describe()) + ") cannot be written; a const global keeps its value until the program"
                        + " restarts");
            }
            new Pointer(located.address()).write(0, bytes, 0, bytes.length);
            return describe(answer, located, map, (int) Math.min(variable.size(), SHOWN_BYTES));
        } catch (IOException | Refusal e) {
            return answer.put("name", name).put("error", e.getMessage());
        }
    }

    /** The loaded generation's globals, read once per generation. */
    private ManifestGlobals loaded() throws IOException {
        int current = generation.getAsInt();
        if (manifest == null || manifest.generation() != current) {
            manifest = ManifestGlobals.read(buildDir, current);
        }
        return manifest;
    }

    private static ManifestGlobals.Global find(ManifestGlobals globals, String module, String name) throws Refusal {
        var matches = new ArrayList<ManifestGlobals.Global>();
        for (var global : globals.globals()) {
            if (global.name().equals(name) && (module.isEmpty() || global.module().equals(module))) {
                matches.add(global);
            }
        }
        if (matches.isEmpty()) {
            throw new Refusal("no global '" + name + "'" + (module.isEmpty() ? "" : " in module " + module)
                    + " in generation " + globals.generation());
        }
        if (matches.stream().map(ManifestGlobals.Global::linkName).distinct().count() > 1) {
            throw new Refusal("global '" + name + "' is defined by modules "
                    + String.join(", ", matches.stream().map(ManifestGlobals.Global::module).toList()) + ": say which");
        }
        return matches.get(0);
    }

    private static ManifestGlobals.Static findStatic(ManifestGlobals globals, String module, String name)
            throws Refusal {
        return globals.statics().stream().filter(s -> s.module().equals(module) && s.name().equals(name)).findFirst()
                .orElseThrow(() -> new Refusal("no static '" + name + "' in module " + (module.isEmpty() ? "''" : module)
                        + " in generation " + globals.generation()));
    }

    private Located locate(ManifestGlobals.Global global, MemoryMap map) {
        var variable = Variable.of(global);
        try {
            return located(variable, Pointer.nativeValue(process.getGlobalVariableAddress(global.linkName())), map);
        } catch (UnsatisfiedLinkError e) {
            return new Located(variable, 0, "", variable.what() + ": no symbol " + global.linkName() + " in the program");
        }
    }

    private Located locate(ManifestGlobals.Static s, MemoryMap map) {
        var variable = Variable.of(s);
        long at = statics.address(s.module(), s.name());
        if (at == 0) {
            return new Located(variable, 0, "", variable.what() + ": the loaded generation has no storage for it");
        }
        return located(variable, at, map);
    }

    /** {@code variable} at {@code at}, checked: in a loaded library, and readable. */
    private Located located(Variable variable, long at, MemoryMap map) {
        var what = variable.what();
        var address = new Pointer(at);
        var info = new Memory(4L * Native.POINTER_SIZE);
        info.clear();
        if (dladdr.invokeInt(new Object[] {address, info}) == 0) {
            return new Located(variable, at, "", what + " is thread-local: every thread has its own copy, and the"
                    + " host can show none of them");
        }
        var file = info.getPointer(0);
        var storage = file == null ? "" : Path.of(file.getString(0)).getFileName().toString();
        if (!map.readable(at, variable.size())) {
            return new Located(variable, at, storage, what + ": its memory at 0x" + Long.toHexString(at)
                    + " is not readable");
        }
        return new Located(variable, at, storage, "");
    }

    /** Appends a variable's fields and its first {@code shown} bytes (when readable) to {@code line}. */
    private static JsonLine describe(JsonLine line, Located located, MemoryMap map, int shown) {
        var variable = located.variable();
        line.put("module", variable.module()).put("name", variable.name()).put(variable.key(), variable.value())
                .put("size", variable.size()).put("library", variable.library())
                .put("address", "0x" + Long.toHexString(located.address())).put("storage", located.storage());
        if (!located.error().isEmpty()) {
            return line.put("hex", "").put("truncated", false).put("writable", false)
                    .put("error", located.error());
        }
        var bytes = new byte[shown];
        new Pointer(located.address()).read(0, bytes, 0, shown);
        return line.put("hex", HEX.formatHex(bytes)).put("truncated", shown < variable.size())
                .put("writable", map.writable(located.address(), variable.size())).put("error", "");
    }

    /** A write refused, with the message for the dev server. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }
}
