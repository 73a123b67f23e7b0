package hcr.compiler;

import hcr.compiler.link.Manifest;
import java.nio.file.Path;
import java.util.List;

/**
 * What the compiler remembers about a live module after a successful build.
 *
 * @param id          module id
 * @param key         content key of the object (see {@link ContentKeys})
 * @param object      file name of the object in {@code state/obj}
 * @param objectHash  SHA-256 of the object
 * @param headers     the headers its last compile read (from the depfile)
 * @param library     its live library file name ({@code libsim.g4.so})
 * @param renamesHash digest of the rename map the library was linked with
 * @param statics     its writable statics, as published in the manifest
 * @param hooks       its hcr.h hooks, as published in the manifest
 * @param entries     its functions' patchable entries, as published in the manifest
 */
record ModuleRecord(String id, String key, String object, String objectHash, List<Path> headers, String library,
                    String renamesHash, List<Manifest.Static> statics, List<Manifest.Hook> hooks,
                    List<Manifest.Entry> entries) {

    ModuleRecord {
        headers = List.copyOf(headers);
        statics = List.copyOf(statics);
        hooks = List.copyOf(hooks);
        entries = List.copyOf(entries);
    }

    /** A record without entries. */
    ModuleRecord(String id, String key, String object, String objectHash, List<Path> headers, String library,
                 String renamesHash, List<Manifest.Static> statics, List<Manifest.Hook> hooks) {
        this(id, key, object, objectHash, headers, library, renamesHash, statics, hooks, List.of());
    }

    /** The statics, hooks and entries of its library, for a generation that keeps the library. */
    LibraryRecords libraryRecords() {
        return new LibraryRecords(statics, hooks, entries);
    }
}
