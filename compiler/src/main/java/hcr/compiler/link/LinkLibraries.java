package hcr.compiler.link;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The libraries a module's link names, in ld's order, and what each reference of the object
 * binds to: the first shared library that exports the name (in a version a new link may use:
 * its default one), as ld resolves it ({@code -lm} before the driver's {@code -lc}, so
 * {@code ldexp}, which both define, is {@code libm.so.6}'s). A library named
 * {@code --as-needed} (Debian's gcc passes it) is needed only if a reference binds to it; one
 * named {@code --no-as-needed} always. Static archives are only listed: the in-process link
 * declines an object that would take a member from one.
 *
 * @param shared   the shared libraries, in link order, each once
 * @param archived name → the archive whose members define it
 */
record LinkLibraries(List<Shared> shared, Map<String, String> archived) {
    /** A shared library of the link and whether it was named {@code --as-needed}. */
    record Shared(SharedExports exports, boolean asNeeded) {
    }

    /**
     * What a reference binds to.
     *
     * @param library the library that defines it
     * @param version its default version ({@code ""} when unversioned or in the base version)
     * @param type    the definition's symbol type, which ld copies to the reference
     */
    record Binding(SharedExports library, String version, int type) {
    }

    LinkLibraries {
        shared = List.copyOf(shared);
        archived = Map.copyOf(archived);
    }

    /** The definition a reference to {@code name} binds to; null when no library exports it. */
    Binding bind(String name) {
        for (var s : shared) {
            var version = s.exports().versions().get(name);
            if (version != null) {
                return new Binding(s.exports(), version, s.exports().types().get(name));
            }
        }
        return null;
    }

    /** The soname of a library that defines {@code name} only in hidden (compatibility) versions; null if none. */
    String onlyHiddenIn(String name) {
        for (var s : shared) {
            if (s.exports().hidden().contains(name)) {
                return s.exports().soname();
            }
        }
        return null;
    }

    /** The archive that would give the object {@code name}; null if none. */
    String archiveOf(String name) {
        return archived.get(name);
    }

    /** The libraries the linked library needs ({@code DT_NEEDED}), in link order, given what its references bind to. */
    List<SharedExports> needed(Collection<Binding> bindings) {
        var used = new HashSet<String>(); // by soname: a record's hash would walk its maps
        bindings.forEach(b -> used.add(b.library().soname()));
        var needed = new ArrayList<SharedExports>();
        for (var s : shared) {
            if (!s.asNeeded() || used.contains(s.exports().soname())) {
                needed.add(s.exports());
            }
        }
        return needed;
    }
}
