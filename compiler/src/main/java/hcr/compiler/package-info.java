/**
 * The build pipeline of hcr: from a folder of C files to a published generation that the
 * runtime can swap into a running process.
 *
 * <p>Every {@code .c} file is a module and becomes its own shared library, so that an edit
 * costs one compile and one link however large the program is. A {@link hcr.compiler.Builder}
 * decides what to rebuild by content, not by timestamps: each module has a content key, the
 * SHA-256 of its source, of every header its last depfile named, of the flags and of the
 * compiler's identity. Saving a file without changing it rebuilds nothing; changing a header
 * rebuilds every module that includes it, and all of them switch in the same generation.
 * Digests are remembered by path, size and modification time, so checking a large program
 * that did not change reads almost nothing.
 *
 * <p>The compiled objects are not linked as they are. Every global symbol a module defines
 * is renamed ({@code step} → {@code hcr.step}, see {@code hcr.compiler.link}) so the
 * program's {@code error()} can never bind to glibc's in the host process, and so that a
 * global whose size changed gets fresh storage instead of writing past the old one. A module
 * whose object did not change is still relinked when the names it refers to changed. Stub
 * libraries give every function one address that survives reloads, and a group library
 * loads modules that use each other's globals together.
 *
 * <p>A generation is published or absent, never half there: it is assembled in
 * {@code gen/.tmp-N}, renamed to {@code gen/N}, and announced by renaming a new
 * {@code gen/current} into place. Unchanged libraries are hard links to the previous
 * generation's files, so publishing costs little. A failed build publishes nothing and
 * changes no state; the build after the fix starts from where the last good one ended. The
 * compiler's own memory ({@code state/}) is saved only after publication, atomically too, and
 * names the link-name table saved with it, so a crash at any point leaves a build folder the
 * next build can continue from.
 *
 * <p>Nim's hot code reloading ({@code lib/nimhcr.nim}) works the same way at heart — one
 * library per module, trampolines for functions, globals registered once — but makes its
 * trampolines at run time and cannot reload its main module. Here everything the runtime
 * needs is decided at build time and written down in the generation's manifest, and every
 * module, {@code main.c} included, is reloadable. {@link hcr.compiler.ReleaseBuild} builds the
 * same sources as one ordinary executable: nothing in a program depends on hcr.
 */
package hcr.compiler;
