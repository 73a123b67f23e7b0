package hcr.loader;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The runtime's C API (docs/internals.md section 7) as seen from Java.
 *
 * <p>Strings the runtime may keep beyond the call ({@code buildDir}, {@code argv}) are passed
 * as {@link Pointer}s to memory the caller keeps alive for the life of the process; JNA's
 * automatic conversion would free them when the call returns.
 */
public interface Libhcr extends Library {

    /** {@code RTLD_NOW | RTLD_GLOBAL}: stub libraries call {@code hcr_trap_removed} through the global scope. */
    int OPEN_FLAGS = 0x002 | 0x100;

    /** Loads {@code library} (an extracted libhcr.so) into the global symbol scope of this process. */
    static Libhcr load(Path library) {
        return Native.load(library.toAbsolutePath().toString(), Libhcr.class, Map.of(
                Library.OPTION_OPEN_FLAGS, OPEN_FLAGS,
                Library.OPTION_STRING_ENCODING, "UTF-8"));
    }

    /** Loads gen/current of {@code buildDir}; 0 on success, a negative error code otherwise. */
    int hcrInit(Pointer buildDir, int argc, Pointer argv);

    /** Number of modules (re)loaded, 0 when there was nothing to do, negative on error (old code untouched). */
    int hcrPerformCodeReload();

    /** 1 when gen/current names a generation not loaded yet. */
    int hcrReloadNeeded();

    int hcrHasModuleChanged(String module);

    /** The loaded generation, 0 before {@link #hcrInit}. */
    int hcrGeneration();

    /** The message of the last failure, "" if none. */
    String hcrLastError();

    /** Calls the program's {@code main(argc, argv)} through its stub and returns its status. */
    int hcrRunMain();

    /** Registers {@code observer} for the runtime's JSON events; the caller keeps it reachable. */
    void hcrSetObserver(Observer observer);

    /**
     * Where the loaded generation's code keeps the static {@code name} (as the manifest names it:
     * {@code calls.0}) of {@code module}: with statics shared across reloads, an older library's
     * storage. NULL when the loaded generation lists no such static.
     */
    Pointer hcrStaticStorage(String module, String name);

    /** 1 once the program has called {@code hcr_reload_point()}: reloads are then the program's to apply. */
    int hcrReloadPointSeen();

    /** Receives one runtime event: a JSON object in UTF-8, without newline, valid only during the call. */
    @FunctionalInterface
    interface Observer extends Callback {
        void invoke(Pointer json);
    }
}
