/**
 * What a module's object file says about its symbols, read in-process from ELF.
 *
 * <p>Hot reloading needs to know, for every module, which functions and global variables it
 * defines (they get stable link names and stubs), which names it uses without defining (some
 * other module or the host process must provide them), and which file-static and
 * function-static variables it keeps in writable memory (the runtime carries their values
 * from the old version of the module to the new one, or resets them and says so). All of it
 * is in the object's {@code .symtab}: binding, type, section and size of each symbol. gcc
 * names a function-static {@code calls} as {@code calls.0}; a {@code static const} table sits
 * in a read-only section and has no state to carry.
 *
 * <p>The host process is a JVM, so glibc, libm, the dynamic loader and libhcr are in the
 * global symbol scope before any module is loaded. {@link hcr.compiler.elf.SystemSymbols}
 * lists what they export, so that a reference to {@code printf} is known to resolve, and so
 * that the link layer can tell a genuinely undefined reference from a library call. It adds
 * what the compiler driver links statically into every module: glibc's {@code libc.so} is a
 * link script ({@code LinkerScript}) naming {@code libc_nonshared.a}, where
 * {@code atexit} lives, and {@code libgcc.a} holds {@code __cpu_model}; archives are read by
 * {@code ArchiveSymbols}. {@link hcr.compiler.elf.HostScope} says which library of the host's
 * global scope (the java launcher's and libjvm's, libz and libstdc++ among them) defines a name:
 * the program cannot offer such a name to code it loads at run time. hcr.h's hook descriptors
 * are local objects, found by name among {@link hcr.compiler.elf.ObjectSymbols#localObjects()}.
 *
 * <p>Reading happens on every rebuild, so it is done in this process with jelf rather than by
 * running {@code nm}: a module's object takes well under a millisecond once warm. The host's
 * names are read once per build folder and shared; every value here is immutable.
 */
package hcr.compiler.elf;
