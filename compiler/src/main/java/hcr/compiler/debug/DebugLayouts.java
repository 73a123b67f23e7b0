package hcr.compiler.debug;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link UnitLayouts} of module objects and libraries, read with {@code readelf} once per
 * file (a few milliseconds for an {@code -O2} module of Lua) and remembered by file identity, as
 * {@link GlobalTypes} remembers types: the builder reads a module's new object once, right after
 * it is compiled, and finds the previous one already read. Thread-safe.
 */
public final class DebugLayouts {

    /** Files remembered; beyond that the least recently used is read again when asked for. */
    private static final int CACHED_FILES = 512;

    private final String readelf;
    private final Map<Object, UnitLayouts> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Object, UnitLayouts> eldest) {
                    return size() > CACHED_FILES;
                }
            });

    /** Layouts read with {@code readelf} from PATH. */
    public DebugLayouts() {
        this("readelf");
    }

    /** Layouts read with the given {@code readelf} command. */
    public DebugLayouts(String readelf) {
        this.readelf = Objects.requireNonNull(readelf, "readelf");
    }

    /**
     * What the debug info of {@code file} (an object or a library) says; {@link UnitLayouts#NONE}
     * for a file without debug info.
     *
     * @throws IOException when the file cannot be read or readelf cannot run
     */
    public UnitLayouts of(Path file) throws IOException {
        var key = FileIdentity.of(file);
        var known = cache.get(key);
        if (known != null) {
            return known;
        }
        var layouts = UnitLayoutReader.read(DebugInfo.read(readelf, file));
        cache.put(key, layouts);
        return layouts;
    }

    /**
     * {@link #of(Path)} for {@code file}, taken from {@code twin} without running readelf when the
     * two carry the same debug info byte for byte ({@link DebugSections}: an edit that moved no
     * function and renamed nothing), which is then remembered for {@code file} too.
     *
     * @throws IOException when a file that must be read cannot be, or readelf cannot run
     */
    public UnitLayouts of(Path file, Path twin) throws IOException {
        var key = FileIdentity.of(file);
        var known = cache.get(key);
        if (known != null) {
            return known;
        }
        if (DebugSections.same(twin, file)) {
            var layouts = of(twin);
            cache.put(key, layouts);
            return layouts;
        }
        return of(file);
    }
}
