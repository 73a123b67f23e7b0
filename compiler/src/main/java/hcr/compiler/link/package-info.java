/**
 * How the modules of a program are named, renamed, stubbed, grouped and described so that
 * the runtime can swap them in a running process (docs/internals.md sections 2 to 4 and 6).
 *
 * <p><b>Link names.</b> The program shares one global symbol scope with glibc and the JVM, so
 * its own {@code error()} or {@code index} would bind to theirs. Every global symbol some
 * module defines is therefore renamed, in definitions and references alike, to a name no C
 * program or library can use: {@code hcr.x}. The same renaming carries the other decision of
 * the mechanism: a global variable binds to the storage of the first library that defined its
 * link name, so it keeps its value across reloads as long as its link name stays. When it must
 * not (its size changed, it was a function, or it was removed and comes back), it gets a fresh
 * name {@code hcr.x.gN} and thereby fresh storage. {@link hcr.compiler.link.LinkNames} is the
 * table that remembers, across generations and restarts, what every name was; its
 * {@link hcr.compiler.link.LinkNames#plan plan} for a generation is pure and immutable, and
 * {@link hcr.compiler.link.SymbolRenamer} applies it to each object in-process (a new string
 * table, as {@code objcopy --redefine-syms} would make; objcopy itself for objects it does not
 * understand).
 *
 * <p><b>Stubs.</b> Every function link name gets, once and forever, a trampoline that jumps
 * through an 8-byte slot, a trap for when the function is gone, and the slot itself
 * ({@link hcr.compiler.link.StubLibrary}). Stub libraries are loaded before the modules, so
 * every call and every function pointer in the program goes through a stub, and the runtime
 * switches code by writing slots. Nim's hot code reloading makes the same trampolines at run
 * time; we assemble them at build time with {@code as} and {@code ld}.
 *
 * <p><b>Exports.</b> Renaming hides the program's names from code it loads at run time (a
 * plugin calling {@code api_add}, Lua's {@code require} loading a C module), so the stub
 * libraries also export every C name once ({@link hcr.compiler.link.Export}), as a program
 * linked {@code -Wl,-E} offers them: a function's name as a second label on its stub, a
 * global's as an indirect function whose resolver asks the runtime for the live storage. A
 * name the host process defines too ({@link hcr.compiler.link.HostName}, from
 * {@link hcr.compiler.elf.HostScope}) is the host's for such code, is not exported, and the
 * build says so.
 *
 * <p><b>The group and the manifest.</b> Modules that use each other's globals cannot be loaded
 * one at a time; a generation's {@link hcr.compiler.link.GroupLibrary} needs all stubs, then all
 * live modules, so one {@code dlopen} loads them together; it defines nothing, so it is written
 * in-process as the same file {@code ld} would make. The
 * {@link hcr.compiler.link.Manifest} tells the runtime what the generation holds: modules and
 * their state, functions and their slots, globals, statics to carry, which modules use which
 * (the order the program's handlers run in, leaves first) and hcr.h's hooks.
 *
 * <p><b>Module libraries.</b> Each renamed module object becomes its library in-process
 * ({@link hcr.compiler.link.InProcessLinker}, the file {@code cc -shared} makes with the
 * project's link inputs, for the {@code -fPIC} C objects gcc emits on x86-64 that need the C
 * library and the shared libraries the project names, {@code -lm} or {@code -lz}): on a small
 * machine the driver, collect2 and ld cost 20 to 60 ms of an edit, this a millisecond or two.
 * The driver's own linker line says what ld would read ({@link hcr.compiler.link.LinkLine}).
 * An object or link input it does not understand is declined, with the reason, and linked by
 * {@code cc -shared}.
 *
 * <p>The binutils are run directly, never through the compiler driver, and a failing run
 * becomes a {@link hcr.compiler.link.ToolException} with its command line, exit code and
 * output. Files are written aside and renamed into place.
 */
package hcr.compiler.link;
