package hcr.compiler.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSymbolTableSection;

/**
 * The names the host process always provides: what the C library, the math library, the
 * dynamic loader and libhcr export. A module may reference them without any module
 * defining them. Immutable; read it once and share it.
 */
public final class SystemSymbols {
    /** The libraries the host process has loaded whatever the program, as gcc names them. */
    static final List<String> HOST_LIBRARIES = List.of(
            "libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libgcc_s.so.1");

    /** The program-facing names of libhcr (docs/internals.md section 7 and hcr.h). */
    static final Set<String> RUNTIME_API = Set.of(
            "hcrInit", "hcrPerformCodeReload", "hcrReloadNeeded", "hcrHasModuleChanged", "hcrGeneration",
            "hcrLastError", "hcrRunMain", "hcrSetObserver", "hcr_trap_removed", "hcr_reload_point",
            "hcrReloadPointSeen", "hcrRegisterGlobal", "hcrGetGlobal", "hcrAddEventHandler");

    private static final int SHN_UNDEF = 0;
    private static final int STT_SECTION = net.fornwall.jelf.ElfSymbol.STT_SECTION;
    private static final int STT_FILE = net.fornwall.jelf.ElfSymbol.STT_FILE;
    private static final int STB_LOCAL = net.fornwall.jelf.ElfSymbol.BINDING_LOCAL;

    private final Set<String> names;

    private SystemSymbols(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** The defined names in the {@code .dynsym} of each library. */
    public static SystemSymbols of(Collection<Path> sharedLibraries) throws IOException {
        var names = new HashSet<String>();
        for (var library : sharedLibraries) {
            ElfFiles.read(library, elf -> exports(elf, names));
        }
        return new SystemSymbols(names);
    }

    /**
     * What a module linked with {@code cc -shared} may use without any module defining it: the
     * host's system libraries as {@code cc} finds them (symlinks followed), the dynamic loader,
     * the libhcr API, and what the driver links statically into every shared library. That is
     * everything the C library's link script names ({@code cc -print-file-name=libc.so}: on
     * glibc {@code libc.so.6}, {@code libc_nonshared.a} with {@code atexit}, and the loader)
     * and {@code libgcc.a} ({@code __cpu_model}). A library {@code cc} does not know is skipped
     * (libpthread, libdl and librt are empty stubs in recent glibc anyway). Takes some 100 ms:
     * read it once and share it.
     */
    public static SystemSymbols host(String cc) throws IOException {
        var driver = DriverFiles.driver(cc);
        // both questions at once: each run of the driver from a JVM costs some 15 ms
        var libcQuestion = DriverFiles.Question.ask(driver, "-print-file-name=libc.so");
        var libgccQuestion = DriverFiles.Question.ask(driver, "-print-libgcc-file-name");
        var inputs = new ArrayList<Path>();
        var libc = libcQuestion.answer();
        if (libc != null) {
            DriverFiles.scriptInputs(driver, libc, inputs, 0);
        }
        var libgcc = libgccQuestion.answer();
        if (libgcc != null) {
            inputs.add(libgcc);
        }
        var libraries = new ArrayList<String>(HOST_LIBRARIES);
        libraries.add(dynamicLoader());
        inputs.addAll(DriverFiles.locate(driver, libraries, inputs));
        var names = new HashSet<String>(RUNTIME_API);
        var read = new HashSet<Path>();
        for (var input : inputs) {
            if (read.add(input.toRealPath())) {
                definedBy(input, names);
            }
        }
        names.addAll(runtimeExports());
        return new SystemSymbols(names);
    }

    /**
     * What the project's own link inputs provide, as {@code cc} finds them: {@code -l<name>}
     * (shared or static, link scripts followed), a library file named by path (absolute or
     * relative to {@code dir}), and the runtimes the driver adds for {@code -fsanitize=address}
     * and {@code -fsanitize=undefined}. Other flags provide nothing.
     */
    public static SystemSymbols linkInputs(String cc, List<String> inputs, Path dir) throws IOException {
        var driver = DriverFiles.driver(cc);
        var files = new ArrayList<Path>();
        for (var input : inputs) {
            for (var entry : linkEntries(input)) {
                var found = entry.startsWith("-l") ? DriverFiles.scriptEntry(driver, entry, dir)
                        : existing(dir.resolve(entry));
                if (found != null) {
                    DriverFiles.scriptInputs(driver, found, files, 0);
                }
            }
        }
        var names = new HashSet<String>();
        for (var file : files) {
            definedBy(file, names);
        }
        return new SystemSymbols(names);
    }

    /**
     * What {@code cc -shared} links into a module besides the module's object, for a link made
     * without the driver: the shared C library as the C library's link script names it, and
     * the names every other input defines ({@code libc_nonshared.a}, the dynamic loader,
     * {@code libgcc.a}, {@code libgcc_s}). Empty when the driver does not name a shared C
     * library (not glibc, a cross compiler, a driver that is not gcc-like).
     *
     * @param libc      the shared C library ({@code libc.so.6}), symlinks followed
     * @param elsewhere the names the other inputs define
     */
    public record ModuleLinkInputs(Path libc, Set<String> elsewhere) {
        public ModuleLinkInputs {
            elsewhere = Set.copyOf(elsewhere);
        }
    }

    /** See {@link ModuleLinkInputs}; asks {@code cc} three questions at once. */
    public static java.util.Optional<ModuleLinkInputs> moduleLinkInputs(String cc) throws IOException {
        var driver = DriverFiles.driver(cc);
        var libcQuestion = DriverFiles.Question.ask(driver, "-print-file-name=libc.so");
        var libgccQuestion = DriverFiles.Question.ask(driver, "-print-libgcc-file-name");
        var libgccSharedQuestion = DriverFiles.Question.ask(driver, "-print-file-name=libgcc_s.so");
        var libcScript = libcQuestion.answer();
        var libgcc = libgccQuestion.answer();
        var libgccShared = libgccSharedQuestion.answer();
        if (libcScript == null) {
            return java.util.Optional.empty();
        }
        var inputs = new ArrayList<Path>();
        DriverFiles.scriptInputs(driver, libcScript, inputs, 0);
        if (libgcc != null) {
            inputs.add(libgcc);
        }
        if (libgccShared != null) {
            DriverFiles.scriptInputs(driver, libgccShared, inputs, 0);
        }
        Path libc = null;
        var others = new ArrayList<Path>();
        for (var input : inputs) {
            var real = input.toRealPath();
            if (libc == null && real.getFileName().toString().startsWith("libc.so.")) {
                libc = real;
            } else {
                others.add(real);
            }
        }
        if (libc == null) {
            return java.util.Optional.empty();
        }
        var names = new HashSet<String>();
        for (var other : others) {
            if (!other.equals(libc)) {
                definedBy(other, names);
            }
        }
        return java.util.Optional.of(new ModuleLinkInputs(libc, names));
    }

    /** The names the members of a static archive define: what a link would take from it. */
    public static Set<String> archiveNames(Path archive) throws IOException {
        return ArchiveSymbols.definedNames(archive);
    }

    private static List<String> linkEntries(String input) {
        if (input.startsWith("-fsanitize=")) {
            var runtimes = new ArrayList<String>();
            for (var sanitizer : input.substring("-fsanitize=".length()).split(",")) {
                switch (sanitizer) {
                    case "address" -> runtimes.add("-lasan");
                    case "undefined" -> runtimes.add("-lubsan");
                    default -> { }
                }
            }
            return runtimes;
        }
        if (input.startsWith("-l") && input.length() > 2) {
            return List.of(input);
        }
        return input.startsWith("-") ? List.of() : List.of(input);
    }

    private static Path existing(Path file) {
        return Files.isRegularFile(file) ? file : null;
    }

    /** True when the host process provides {@code name}. */
    public boolean defines(String name) {
        return names.contains(name);
    }

    /** These names and those of {@code other}: say, of the libraries a project links with {@code -l}. */
    public SystemSymbols and(SystemSymbols other) {
        var union = new HashSet<>(names);
        union.addAll(other.names);
        return new SystemSymbols(union);
    }

    /** How many names the host provides. */
    public int size() {
        return names.size();
    }

    private static Set<String> exports(ElfFile elf, Set<String> into) {
        ElfSymbolTableSection table = elf.getDynamicSymbolTableSection();
        if (table == null) {
            return into;
        }
        for (var symbol : table.symbols) {
            int type = symbol.getType();
            if (symbol.st_name == 0 || (symbol.st_shndx & 0xffff) == SHN_UNDEF
                    || symbol.getBinding() == STB_LOCAL || type == STT_SECTION || type == STT_FILE) {
                continue;
            }
            into.add(symbol.getName());
        }
        return into;
    }

    /** The names a shared library exports, or those a static library's members define. */
    private static void definedBy(Path input, Set<String> names) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(input)) {
            head = in.readNBytes(8);
        }
        if (ArchiveSymbols.isArchive(head)) {
            names.addAll(ArchiveSymbols.definedNames(input));
        } else {
            ElfFiles.read(input, elf -> exports(elf, names));
        }
    }

    static String dynamicLoader() {
        var arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "aarch64", "arm64" -> "ld-linux-aarch64.so.1";
            default -> "ld-linux-x86-64.so.2";
        };
    }

    /** Whatever libhcr exports, when its library is on the class path (the hcr-native jar). */
    private static Set<String> runtimeExports() throws IOException {
        var arch = dynamicLoader().contains("aarch64") ? "linux-aarch64" : "linux-x86-64";
        var resource = "hcr/native/" + arch + "/libhcr.so";
        try (var in = SystemSymbols.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Set.of();
            }
            var names = new HashSet<String>();
            ElfFiles.parse(resource, in.readAllBytes(), elf -> exports(elf, names));
            names.removeIf(name -> !name.startsWith("hcr"));
            return names;
        }
    }
}
