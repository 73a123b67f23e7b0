package hcr.compiler;

import hcr.compiler.elf.ElfSymbol;
import hcr.compiler.elf.ObjectSymbols;
import hcr.compiler.link.Manifest;
import hcr.compiler.link.StaticSites;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the manifest lists from one module's linked library (docs/internals.md sections 6 and
 * 10): its writable statics and its hcr.h hooks, both at their offsets in the library. A
 * module kept in a later generation keeps these with its library.
 *
 * @param statics the writable file- and function-statics the runtime keeps across reloads, each
 *                with its sites when the link found them all (the runtime then shares it between
 *                the old and the new version instead of carrying it by value)
 * @param hooks   the hook descriptors, in offset order (the order the runtime runs them in)
 * @param entries the functions with a patchable entry, which the runtime forwards to their
 *                newest version ({@link FunctionEntries})
 */
record LibraryRecords(List<Manifest.Static> statics, List<Manifest.Hook> hooks, List<Manifest.Entry> entries) {
    /** hcr.h's descriptor objects: {@code hcr__<kind>__<name>}; {@code <name>} may hold {@code __}. */
    static final Pattern HOOK = Pattern.compile("^hcr__(init|before|after|state)__(.+)$");
    /** Names of this form are hcr.h's: descriptors and plain-build helpers, never program state. */
    static final String RESERVED_PREFIX = "hcr__";
    /** The size of a {@code void (*const)(void)} descriptor and of a {@code struct hcr_state} (64-bit). */
    static final long HANDLER_SIZE = 8;
    static final long STATE_SIZE = 32;

    static final LibraryRecords NONE = new LibraryRecords(List.of(), List.of());

    LibraryRecords {
        statics = List.copyOf(statics);
        hooks = List.copyOf(hooks);
        entries = List.copyOf(entries);
    }

    /** Records without entries (a library built before forwarding existed, or none found). */
    LibraryRecords(List<Manifest.Static> statics, List<Manifest.Hook> hooks) {
        this(statics, hooks, List.of());
    }

    /** The same records with {@code entries}. */
    LibraryRecords withEntries(List<Manifest.Entry> entries) {
        return new LibraryRecords(statics, hooks, entries);
    }

    /** The records of a library whose statics' sites are not known (linked by {@code cc -shared}). */
    static LibraryRecords of(String id, ObjectSymbols object, ObjectSymbols library) {
        return of(id, object, library, StaticSites.NONE);
    }

    /**
     * The records of module {@code id}, from its object and the library linked from it.
     * Statics: names from the object, values from the library, sites from the link ({@code
     * sites}, by name); a name the library holds twice (one of the C runtime's own, say) cannot
     * be told apart and is left out, and so are hcr.h's own names and the pointer variable of
     * each of the module's states (the runtime sets it). Hooks: LOCAL OBJECT symbols of the
     * library named {@code hcr__<kind>__<name>}, each name the library holds once.
     */
    static LibraryRecords of(String id, ObjectSymbols object, ObjectSymbols library, StaticSites sites) {
        var hooks = hooks(id, library);
        var statePointers = new HashSet<String>();
        hooks.stream().filter(h -> h.kind().equals("state")).forEach(h -> statePointers.add(h.name()));
        var inLibrary = byName(library.writableStatics());
        var statics = new ArrayList<Manifest.Static>();
        for (var s : object.writableStatics()) {
            var found = inLibrary.getOrDefault(s.name(), List.of());
            if (found.size() == 1 && !s.name().startsWith(RESERVED_PREFIX) && !statePointers.contains(s.name())) {
                statics.add(new Manifest.Static(id, s.name(), found.get(0).value(), found.get(0).size(),
                        sites.of(s.name())));
            }
        }
        return new LibraryRecords(statics, hooks);
    }

    private static List<Manifest.Hook> hooks(String id, ObjectSymbols library) {
        var hooks = new ArrayList<Manifest.Hook>();
        for (var entry : byName(library.localObjects()).entrySet()) {
            var matcher = HOOK.matcher(entry.getKey());
            if (matcher.matches() && entry.getValue().size() == 1) {
                var symbol = entry.getValue().get(0);
                hooks.add(new Manifest.Hook(id, matcher.group(1), matcher.group(2), symbol.value(), symbol.size()));
            }
        }
        hooks.sort(Comparator.comparingLong(Manifest.Hook::offset));
        return hooks;
    }

    private static Map<String, List<ElfSymbol>> byName(List<ElfSymbol> symbols) {
        var named = new HashMap<String, List<ElfSymbol>>();
        symbols.forEach(s -> named.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s));
        return named;
    }

    /**
     * What keeps the runtime from accepting these hooks: a descriptor of the wrong size is a
     * program's own variable under a name hcr.h reserves. Empty when all is well.
     */
    List<String> problems() {
        var problems = new ArrayList<String>();
        for (var h : hooks) {
            long expected = h.kind().equals("state") ? STATE_SIZE : HANDLER_SIZE;
            if (h.size() != expected) {
                problems.add("module '" + h.moduleId() + "': 'hcr__" + h.kind() + "__" + h.name() + "' is "
                        + h.size() + " bytes, not the " + expected + " of an hcr.h descriptor (names starting "
                        + RESERVED_PREFIX + " are reserved for hcr.h's macros)");
            }
        }
        return problems;
    }
}
