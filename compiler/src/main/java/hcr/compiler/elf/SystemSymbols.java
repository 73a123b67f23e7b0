package hcr.compiler.elf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
     * The host's system libraries as {@code cc} finds them ({@code cc -print-file-name=<lib>},
     * symlinks followed), the dynamic loader, and the libhcr API. A library {@code cc} does not
     * know is skipped (libpthread, libdl and librt are empty stubs in recent glibc anyway).
     * Takes some 100 ms: read it once and share it.
     */
    public static SystemSymbols host(String cc) throws IOException {
        var libraries = new ArrayList<String>(HOST_LIBRARIES);
        libraries.add(dynamicLoader());
        var names = new HashSet<String>(RUNTIME_API);
        for (var library : locate(cc, libraries)) {
            ElfFiles.read(library, elf -> exports(elf, names));
        }
        names.addAll(runtimeExports());
        return new SystemSymbols(names);
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

    /**
     * Where {@code cc} finds each library. The C library is asked for first; the others are
     * usually installed beside it, and only those that are not cost another {@code cc} run
     * (each run of the driver from a JVM costs some 15 ms).
     */
    private static List<Path> locate(String cc, List<String> libraries) throws IOException {
        var libc = printFileName(cc, libraries.get(0));
        var found = new ArrayList<Path>();
        var elsewhere = new ArrayList<String>();
        if (libc != null) {
            found.add(libc);
        }
        for (var library : libraries.subList(1, libraries.size())) {
            var sibling = libc == null ? null : libc.resolveSibling(library);
            if (sibling != null && Files.isRegularFile(sibling)) {
                found.add(sibling.toRealPath());
            } else {
                elsewhere.add(library);
            }
        }
        for (var library : elsewhere) {
            var path = printFileName(cc, library);
            if (path != null) {
                found.add(path);
            }
        }
        return found;
    }

    /** {@code cc -print-file-name=<library>}, symlinks followed; null when cc does not know the library. */
    private static Path printFileName(String cc, String library) throws IOException {
        var command = cc + " -print-file-name=" + library;
        Process process;
        try {
            process = new ProcessBuilder(cc, "-print-file-name=" + library).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command + ": " + e.getMessage(), e);
        }
        String answer;
        try (InputStream out = process.getInputStream()) {
            answer = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command + ": interrupted", e);
        }
        if (exit != 0) {
            throw new IOException(command + " exited with " + exit + ": " + answer);
        }
        // The driver echoes the bare name back when it does not find the file.
        var path = answer.contains("/") ? Path.of(answer) : null;
        return path != null && Files.isRegularFile(path) ? path.toRealPath() : null;
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
