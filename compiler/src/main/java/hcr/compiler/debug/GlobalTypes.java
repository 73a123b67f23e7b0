package hcr.compiler.debug;

import hcr.compiler.link.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The C types of a program's globals and statics, from the debug info of its module libraries.
 *
 * <p>Modules are compiled {@code -g -O0} and the renaming that gives every symbol its link name
 * ({@code hcr.counter}) leaves DWARF alone, so each module's library still describes its globals
 * by their C names. A library is read once (one {@code readelf} run, some milliseconds) and
 * remembered by file identity: a module kept from one generation to the next is a hard link to
 * the same file, so a dev session reads each module version once however often the console asks.
 * Thread-safe.
 *
 * <pre>{@code
 * var types = new GlobalTypes();
 * GlobalType t = types.of(generationDir.resolve("libvars.g3.so"), "counter", 4); // int, SIGNED_INTEGER
 * }</pre>
 */
public final class GlobalTypes {

    /** Libraries remembered; beyond that the least recently used is read again when asked for. */
    private static final int CACHED_LIBRARIES = 512;

    private final String readelf;
    private final Map<Object, Variables> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Object, Variables> eldest) {
                    return size() > CACHED_LIBRARIES;
                }
            });

    /** Types read with {@code readelf} from PATH. */
    public GlobalTypes() {
        this("readelf");
    }

    /** Types read with the given {@code readelf} command. */
    public GlobalTypes(String readelf) {
        this.readelf = Objects.requireNonNull(readelf, "readelf");
    }

    /**
     * Every global variable {@code library} defines, by C name, with its type as the debug info
     * declares it (its {@link GlobalType#size()} is the debug info's). Statics, locals and
     * declarations are not included. A library without debug info gives an empty map.
     *
     * @throws IOException when the library cannot be read or readelf cannot run
     */
    public Map<String, GlobalType> inLibrary(Path library) throws IOException {
        return variables(library).globals();
    }

    /**
     * Every file- and function-static variable with a fixed address that {@code library} defines,
     * by that address (the {@code st_value} of its symbol, which the manifest's {@code static}
     * record gives as its offset), with the name the program declared and its type.
     *
     * @throws IOException when the library cannot be read or readelf cannot run
     */
    public Map<Long, StaticType> staticsInLibrary(Path library) throws IOException {
        return variables(library).statics();
    }

    /**
     * The type of global {@code name}, {@code size} bytes, defined by {@code library}. Never fails:
     * a global the debug info does not describe, or a library that cannot be read, gives
     * {@link GlobalType#unknown(long)}; a type whose size is not {@code size} is shown as bytes.
     */
    public GlobalType of(Path library, String name, long size) {
        GlobalType type;
        try {
            type = inLibrary(library).get(name);
        } catch (IOException e) {
            type = null;
        }
        if (type == null) {
            return GlobalType.unknown(size);
        }
        return type.size() == size ? type : type.asBytes(size);
    }

    /**
     * The declared name and type of the static at {@code offset} in {@code library}, whose symbol
     * is {@code symbol} ({@code calls.0}, {@code tally@g5}), {@code size} bytes. Never fails: one
     * the debug info does not describe is named by its symbol (without hcr's {@code @gN}) and has
     * {@link GlobalType#unknown(long)}; a type whose size is not {@code size} is shown as bytes.
     */
    public StaticType ofStatic(Path library, String symbol, long offset, long size) {
        StaticType found;
        try {
            found = staticsInLibrary(library).get(offset);
        } catch (IOException e) {
            found = null;
        }
        if (found == null) {
            int at = symbol.indexOf('@');
            return new StaticType(at > 0 ? symbol.substring(0, at) : symbol, "", GlobalType.unknown(size));
        }
        var type = found.type();
        return type.size() == size ? found : new StaticType(found.name(), found.function(), type.asBytes(size));
    }

    /**
     * The types of every {@code global} record of a published generation (docs/internals.md
     * section 6): module id → C name → type, each sized as the manifest says.
     *
     * @param generationDir {@code <build>/gen/<N>}
     * @throws IOException when the manifest cannot be read
     */
    public Map<String, Map<String, GlobalType>> inGeneration(Path generationDir) throws IOException {
        var manifest = Manifest.read(generationDir.resolve("manifest"));
        var libraries = new TreeMap<String, Path>();
        manifest.modules().forEach(module -> libraries.put(module.id(), generationDir.resolve(module.file())));
        var types = new TreeMap<String, Map<String, GlobalType>>();
        for (var global : manifest.globals()) {
            var library = libraries.get(global.moduleId());
            var type = library == null ? GlobalType.unknown(global.size()) : of(library, global.cname(), global.size());
            types.computeIfAbsent(global.moduleId(), id -> new TreeMap<>()).put(global.cname(), type);
        }
        types.replaceAll((id, byName) -> Collections.unmodifiableMap(byName));
        return Collections.unmodifiableMap(types);
    }

    /** What one library's debug info declares: globals by name, statics by address. */
    private record Variables(Map<String, GlobalType> globals, Map<Long, StaticType> statics) {
    }

    private Variables variables(Path library) throws IOException {
        var key = identity(library);
        var known = cache.get(key);
        if (known != null) {
            return known;
        }
        var info = DebugInfo.read(readelf, library);
        var types = new CTypes(info);
        var read = new Variables(globals(info, types), StaticTypes.read(info, types));
        cache.put(key, read);
        return read;
    }

    private static Map<String, GlobalType> globals(DebugInfo info, CTypes types) {
        var globals = new TreeMap<String, GlobalType>();
        for (var entry : info.fileScope()) {
            if (!entry.tag().equals("variable") || !entry.has("location")) {
                continue; // a declaration, or optimised away
            }
            // a definition of something declared first (extern in a header) refers to the declaration
            var specification = entry.reference("specification");
            var declaration = specification.isPresent() ? info.at(specification.getAsLong()).orElse(entry) : entry;
            var name = entry.name().or(declaration::name);
            var type = entry.reference("type");
            if (type.isEmpty()) {
                type = declaration.reference("type");
            }
            boolean external = entry.has("external") || declaration.has("external");
            if (external && name.isPresent() && type.isPresent()) {
                globals.putIfAbsent(name.get(), types.describe(type.getAsLong()));
            }
        }
        return Collections.unmodifiableMap(globals);
    }

    private static Object identity(Path library) throws IOException {
        return FileIdentity.of(library);
    }
}
