package hcr.compiler;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The digest of a module's rename map (saved with the module, to tell whether its library was
 * linked with the same names), remembered by the map's content: nearly every module's map is
 * the same build after build, and 200 SHA-256s of formatted maps showed in one-file rebuilds.
 */
final class RenameDigests {
    private final Map<Map<String, String>, String> known = new ConcurrentHashMap<>();

    String of(Map<String, String> renames) {
        var digest = known.get(renames);
        if (digest == null) {
            var sorted = new TreeMap<>(renames);
            digest = FileDigests.sha256(sorted.toString().getBytes(StandardCharsets.UTF_8));
            known.put(sorted, digest);
        }
        return digest;
    }

    /** Forgets the maps not among {@code live}. */
    void retain(Collection<Map<String, String>> live) {
        known.keySet().retainAll(new HashSet<>(live));
    }
}
