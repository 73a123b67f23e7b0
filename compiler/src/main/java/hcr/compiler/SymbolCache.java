package hcr.compiler;

import hcr.compiler.elf.ObjectSymbols;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Objects' symbol tables by object content, so an unchanged object is read once per Builder. */
final class SymbolCache {
    private final Map<String, ObjectSymbols> byDigest = new ConcurrentHashMap<>();

    ObjectSymbols read(Path object, String digest) throws IOException {
        var known = byDigest.get(digest);
        if (known != null) {
            return known;
        }
        var symbols = ObjectSymbols.read(object);
        byDigest.put(digest, symbols);
        return symbols;
    }

    /** Forgets objects that are no longer live. */
    void retain(Set<String> digests) {
        byDigest.keySet().retainAll(digests);
    }
}
