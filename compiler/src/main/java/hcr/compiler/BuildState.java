package hcr.compiler;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the compiler remembers between builds, as of the last published generation.
 * Immutable: a build works on a copy and the Builder swaps it in only once the generation is
 * published, so a failed build leaves it as it was.
 *
 * @param generation the last generation this compiler published (0: none)
 * @param libraries  digest of the link libraries the live modules were linked with
 * @param stubs      every stub library, oldest first
 * @param modules    the live modules by id
 */
record BuildState(int generation, String libraries, List<String> stubs, Map<String, ModuleRecord> modules) {

    static final BuildState EMPTY = new BuildState(0, "", List.of(), Map.of());

    BuildState {
        stubs = List.copyOf(stubs);
        modules = java.util.Collections.unmodifiableMap(new TreeMap<>(modules));
    }

    /** This state with every module's content key forgotten, so that the next build compiles them all. */
    BuildState forgettingKeys() {
        var forgotten = new TreeMap<String, ModuleRecord>();
        modules.forEach((id, m) -> forgotten.put(id, new ModuleRecord(m.id(), "", m.object(), m.objectHash(),
                m.headers(), m.library(), m.renamesHash(), m.statics(), m.hooks())));
        return new BuildState(generation, libraries, stubs, forgotten);
    }

    /** The link-name table saved with this state. */
    String linkNamesFile() {
        return "link-names." + generation;
    }
}
