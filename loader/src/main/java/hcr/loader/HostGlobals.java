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
 * The host's side of the globals commands: reads and writes the program's globals in its own
 * memory, for the console's Globals panel.
 *
 * <p><b>Which globals.</b> Those of the loaded generation ({@code hcrGeneration()}), from its
 * manifest's {@code global} records; not {@code gen/current}, which may be newer than what runs.
 *
 * <p><b>Where.</b> A global's storage is the first definition of its link name in the global
 * symbol scope: that is what every module version's references bound to (hcr.c, "Globals"), so
 * the address is {@code dlsym} on the process handle, which searches that scope in the same
 * order. Not the module's own handle: a reloaded module's library also defines {@code hcr.x}, an
 * unused copy that the first definition shadows. A global given fresh storage has a new link name
 * ({@code hcr.x.g7}) and is found at its new storage the same way.
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

    private final Path buildDir;
    private final IntSupplier generation;
    private final NativeLibrary process = NativeLibrary.getProcess();
    private final Function dladdr = process.getFunction("dladdr");
    private ManifestGlobals manifest;

    /** @param generation the runtime's {@code hcrGeneration} */
    HostGlobals(Path buildDir, IntSupplier generation) {
        this.buildDir = buildDir.toAbsolutePath();
        this.generation = generation;
    }

    /** One global located in memory; {@code error} says why it cannot be read ("" when it can). */
    private record Located(ManifestGlobals.Global global, long address, String storage, String error) {
    }

    /** The answer to {@code {"cmd":"globals","id":N}}: every global with its current bytes. */
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
        var entries = new ArrayList<JsonLine>();
        long budget = ANSWER_BYTES;
        for (var global : globals.globals()) {
            var located = locate(global, map);
            int shown = (int) Math.min(Math.min(global.size(), SHOWN_BYTES), budget);
            budget -= shown;
            entries.add(describe(new JsonLine(), located, map, shown));
        }
        return answer.put("generation", globals.generation()).put("globals", entries).put("error", "");
    }

    /**
     * The answer to {@code {"cmd":"write-global","id":N,"name":C,"module":M,"hex":H}} ({@code module}
     * may be empty): writes exactly the global's size in bytes, then reads them back.
     */
    JsonLine write(long id, String module, String name, String hex) {
        var answer = new JsonLine().put("type", "global-written").put("id", id);
        try {
            var globals = loaded();
            answer.put("generation", globals.generation());
            var global = find(globals, module, name);
            byte[] bytes;
            try {
                bytes = HEX.parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new Refusal("cannot write global '" + name + "': '" + hex + "' is not hex bytes");
            }
            var what = "global '" + name + "' (module " + global.module() + ")";
            if (bytes.length != global.size()) {
                throw new Refusal(what + " is " + global.size() + " bytes: " + bytes.length + " given");
            }
            var map = MemoryMap.ofThisProcess();
            var located = locate(global, map);
            if (!located.error().isEmpty()) {
                throw new Refusal(located.error());
            }
            if (!map.writable(located.address(), global.size())) {
                var region = map.at(located.address());
                throw new Refusal(what + " is read-only: its memory (" + (region == null ? "unmapped" : region.describe())
                        + ") cannot be written; a const global keeps its value until the program restarts");
            }
            new Pointer(located.address()).write(0, bytes, 0, bytes.length);
            return describe(answer, located, map, (int) Math.min(global.size(), SHOWN_BYTES));
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

    private Located locate(ManifestGlobals.Global global, MemoryMap map) {
        var what = "global '" + global.name() + "' (module " + global.module() + ")";
        Pointer address;
        try {
            address = process.getGlobalVariableAddress(global.linkName());
        } catch (UnsatisfiedLinkError e) {
            return new Located(global, 0, "", what + ": no symbol " + global.linkName() + " in the program");
        }
        long at = Pointer.nativeValue(address);
        var info = new Memory(4L * Native.POINTER_SIZE);
        info.clear();
        if (dladdr.invokeInt(new Object[] {address, info}) == 0) {
            return new Located(global, at, "", what + " is thread-local: every thread has its own copy, and the"
                    + " host can show none of them");
        }
        var file = info.getPointer(0);
        var storage = file == null ? "" : Path.of(file.getString(0)).getFileName().toString();
        if (!map.readable(at, global.size())) {
            return new Located(global, at, storage, what + ": its memory at 0x" + Long.toHexString(at)
                    + " is not readable");
        }
        return new Located(global, at, storage, "");
    }

    /** Appends a global's fields and its first {@code shown} bytes (when readable) to {@code line}. */
    private static JsonLine describe(JsonLine line, Located located, MemoryMap map, int shown) {
        var global = located.global();
        line.put("module", global.module()).put("name", global.name()).put("link", global.linkName())
                .put("size", global.size()).put("library", global.library())
                .put("address", "0x" + Long.toHexString(located.address())).put("storage", located.storage());
        if (!located.error().isEmpty()) {
            return line.put("hex", "").put("truncated", false).put("writable", false)
                    .put("error", located.error());
        }
        var bytes = new byte[shown];
        new Pointer(located.address()).read(0, bytes, 0, shown);
        return line.put("hex", HEX.formatHex(bytes)).put("truncated", shown < global.size())
                .put("writable", map.writable(located.address(), global.size())).put("error", "");
    }

    /** A write refused, with the message for the dev server. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }
}
