package hcr.compiler.elf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSectionHeader;

/**
 * The symbols of one ELF file (a module's {@code .o} or {@code .so}) that the link layer
 * cares about, read from its {@code .symtab} in-process.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class ObjectSymbols {
    private static final int SHN_UNDEF = 0;
    private static final int SHN_LORESERVE = 0xff00;
    private static final int SHN_ABS = 0xfff1;
    private static final int SHN_COMMON = 0xfff2;
    private static final int STB_LOCAL = net.fornwall.jelf.ElfSymbol.BINDING_LOCAL;
    private static final int STB_GLOBAL = net.fornwall.jelf.ElfSymbol.BINDING_GLOBAL;
    private static final int STB_WEAK = net.fornwall.jelf.ElfSymbol.BINDING_WEAK;
    private static final int STT_OBJECT = net.fornwall.jelf.ElfSymbol.STT_OBJECT;
    private static final int STT_FUNC = net.fornwall.jelf.ElfSymbol.STT_FUNC;
    private static final int STT_COMMON = net.fornwall.jelf.ElfSymbol.STT_COMMON;
    private static final int STT_TLS = net.fornwall.jelf.ElfSymbol.STT_TLS;
    private static final int STT_GNU_IFUNC = 10;
    private static final int STT_FILE = net.fornwall.jelf.ElfSymbol.STT_FILE;
    /** gcc links these into every shared library; their statics ({@code completed.0}) are not the program's. */
    private static final Set<String> TOOLCHAIN_SOURCES = Set.of("crtstuff.c");

    private final Path file;
    private final List<ElfSymbol> definedGlobals;
    private final Set<String> undefined;
    private final Set<String> weakUndefined;
    private final Set<String> weakDefinitions;
    private final Set<String> threadLocals;
    private final List<ElfSymbol> writableStatics;
    private final List<ElfSymbol> localObjects;

    private ObjectSymbols(Path file, List<ElfSymbol> definedGlobals, Set<String> undefined,
                          Set<String> weakUndefined, Set<String> weakDefinitions, Set<String> threadLocals,
                          List<ElfSymbol> writableStatics, List<ElfSymbol> localObjects) {
        this.file = file;
        this.definedGlobals = List.copyOf(definedGlobals);
        this.undefined = Collections.unmodifiableSet(new LinkedHashSet<>(undefined));
        this.weakUndefined = Collections.unmodifiableSet(new LinkedHashSet<>(weakUndefined));
        this.weakDefinitions = Collections.unmodifiableSet(new LinkedHashSet<>(weakDefinitions));
        this.threadLocals = Collections.unmodifiableSet(new LinkedHashSet<>(threadLocals));
        this.writableStatics = List.copyOf(writableStatics);
        this.localObjects = List.copyOf(localObjects);
    }

    /**
     * Reads the {@code .symtab} of {@code elf}.
     *
     * @throws IOException when the file cannot be read, is not ELF, or its symbol table is
     *                     malformed; the message names the file
     */
    public static ObjectSymbols read(Path elf) throws IOException {
        return ElfFiles.read(elf, file -> parse(elf, file));
    }

    private static ObjectSymbols parse(Path elf, ElfFile file) throws IOException {
        var table = file.getSymbolTableSection();
        if (table == null) {
            throw new IOException(elf + ": no .symtab (stripped?)");
        }
        var defined = new ArrayList<ElfSymbol>();
        var undefined = new LinkedHashSet<String>();
        var weakUndefined = new LinkedHashSet<String>();
        var weakDefinitions = new LinkedHashSet<String>();
        var threadLocals = new LinkedHashSet<String>();
        var statics = new ArrayList<ElfSymbol>();
        var locals = new ArrayList<ElfSymbol>();
        var sourceFile = "";
        for (var symbol : table.symbols) {
            int type = symbol.getType();
            if (type == STT_FILE) {
                sourceFile = symbol.st_name == 0 ? "" : symbol.getName();
                continue;
            }
            int binding = symbol.getBinding();
            int section = symbol.st_shndx & 0xffff;
            boolean global = binding == STB_GLOBAL || binding == STB_WEAK;
            if (symbol.st_name == 0 || (!global && binding != STB_LOCAL)) {
                continue;
            }
            if (global && section == SHN_UNDEF) {
                var name = unversioned(symbol.getName());
                if (!LinkerNames.isLinkerInternal(name)) {
                    undefined.add(name);
                    if (binding == STB_WEAK) {
                        weakUndefined.add(name);
                    }
                }
                continue;
            }
            var kind = kindOf(type);
            if (kind == null || section == SHN_UNDEF) {
                continue;
            }
            boolean writable = writable(file, section, kind);
            if (global) {
                var name = unversioned(symbol.getName());
                defined.add(new ElfSymbol(name, kind, true, true, symbol.st_value, symbol.st_size, writable));
                if (binding == STB_WEAK || section == SHN_COMMON) {
                    weakDefinitions.add(name);
                }
                if (type == STT_TLS) {
                    threadLocals.add(name);
                }
                continue;
            }
            if (type != STT_OBJECT) {
                continue;
            }
            var local = new ElfSymbol(symbol.getName(), kind, false, true, symbol.st_value, symbol.st_size, writable);
            locals.add(local);
            if (writable && symbol.st_size > 0 && !TOOLCHAIN_SOURCES.contains(sourceFile)) {
                statics.add(local);
            }
        }
        return new ObjectSymbols(elf, defined, undefined, weakUndefined, weakDefinitions, threadLocals, statics,
                locals);
    }

    /** A linked library's .symtab names {@code printf@GLIBC_2.2.5}; C knows {@code printf}. */
    private static String unversioned(String name) {
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }

    private static SymbolKind kindOf(int type) {
        if (type == STT_FUNC || type == STT_GNU_IFUNC) {
            return SymbolKind.FUNCTION;
        }
        if (type == STT_OBJECT || type == STT_TLS || type == STT_COMMON) {
            return SymbolKind.OBJECT;
        }
        return null;
    }

    private static boolean writable(ElfFile file, int section, SymbolKind kind) {
        if (section == SHN_COMMON) {
            return true;
        }
        if (section == SHN_ABS || section >= SHN_LORESERVE || kind != SymbolKind.OBJECT) {
            return false;
        }
        var header = file.getSection(section).header;
        // .data.rel.ro: const data with relocations, writable only until RELRO protects it after load
        return (header.sh_flags & ElfSectionHeader.FLAG_WRITE) != 0 && !header.getName().startsWith(".data.rel.ro");
    }

    /** The file these symbols were read from. */
    public Path file() {
        return file;
    }

    /** GLOBAL or WEAK, defined, FUNC or OBJECT symbols: the functions and global variables. */
    public List<ElfSymbol> definedGlobals() {
        return definedGlobals;
    }

    /** GLOBAL or WEAK undefined references, without linker-internal names. */
    public Set<String> undefined() {
        return undefined;
    }

    /**
     * The undefined references that must resolve: those made only weakly (say
     * {@code extern void f(void) __attribute__((weak))}) may stay unresolved, as in C.
     */
    public Set<String> requiredUndefined() {
        var required = new LinkedHashSet<>(undefined);
        required.removeAll(weakUndefined);
        return required;
    }

    /**
     * The names among {@link #definedGlobals()} defined WEAK, or tentatively ({@code -fcommon}):
     * another module's strong definition wins over them, as in a static link.
     */
    public Set<String> weakDefinitions() {
        return weakDefinitions;
    }

    /** The names among {@link #definedGlobals()} that are thread-local ({@code _Thread_local}, TLS). */
    public Set<String> threadLocals() {
        return threadLocals;
    }

    /** LOCAL OBJECT symbols in writable sections: file-static and function-static variables. */
    public List<ElfSymbol> writableStatics() {
        return writableStatics;
    }

    /**
     * Every LOCAL OBJECT symbol (not TLS) with its value and size, whatever its section:
     * read-only ones and the C runtime's own included. hcr.h's hook descriptors are among them.
     */
    public List<ElfSymbol> localObjects() {
        return localObjects;
    }
}
