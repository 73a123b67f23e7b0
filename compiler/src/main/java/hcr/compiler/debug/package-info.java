/**
 * What a running program's globals are, as C sees them: their types from the modules' debug
 * info, and their bytes as text and back.
 *
 * <p>The runtime knows a global only as a link name, an address and a size; that is enough to
 * keep it across reloads but not to show it. The console's Globals panel wants {@code int
 * counter = 42}, not four bytes. Every module is compiled with {@code -g}, and the renaming of
 * symbols leaves DWARF untouched, so each module's library still declares its globals by C name
 * and type. {@link hcr.compiler.debug.GlobalTypes} reads them (with readelf, once per library
 * file), {@link hcr.compiler.debug.GlobalType} is one of them, and
 * {@link hcr.compiler.debug.GlobalValue} pairs a type with the bytes the host read
 * ({@code hcr.loader.ProgramHost#readGlobals}) to display them and to parse the user's new value
 * into the bytes to write ({@code hcr.loader.ProgramHost#writeGlobal}). Statics are found by
 * address instead ({@link hcr.compiler.debug.GlobalTypes#ofStatic}, a
 * {@link hcr.compiler.debug.StaticType}): two functions may each have a {@code static int calls}
 * that gcc names {@code calls.0} and {@code calls.1} in an order of its own, while the debug
 * info places each at its symbol's value, which the manifest carries.
 *
 * <p>The same debug info tells when a type's layout changed between two versions of a module
 * (issue 10): {@link hcr.compiler.debug.DebugLayouts} reads each object's
 * {@link hcr.compiler.debug.UnitLayouts} (its globals, statics and struct and union types, each as
 * a {@link hcr.compiler.debug.TypeLayout}) once, and {@link hcr.compiler.debug.LayoutComparison}
 * names every {@link hcr.compiler.debug.LayoutChange} field by field ({@code vel: offset 8 → 16}):
 * the builder gives such a global fresh storage, resets such a static, and the dev server asks
 * whether to restart for such a type.
 *
 * <p>This lives in the compiler rather than the loader because the loader's host process must
 * stay small (it loads no more classes than it needs to start the program), while the compiler
 * already owns the build folder's libraries and binutils; the dev session and the console
 * depend on both.
 */
package hcr.compiler.debug;
