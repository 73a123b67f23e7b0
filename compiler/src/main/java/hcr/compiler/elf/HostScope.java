package hcr.compiler.elf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fornwall.jelf.ElfDynamicSection;
import net.fornwall.jelf.ElfFile;

/**
 * The host process's global symbol scope: the libraries that come before every library hcr
 * loads, in scope order, and the names each exports. The host is a JVM started with this
 * JVM's {@code java} ({@code HostOptions}), so its scope is the java launcher and what it
 * needs (libz, libjli, libc, the dynamic loader), then {@code libjvm.so}, which the launcher
 * dlopens {@code RTLD_GLOBAL}, and what it needs (libstdc++, libm, libgcc_s). Each library is
 * found as this process mapped it ({@code /proc/self/maps}), else in the usual folders.
 *
 * <p>A C name one of them defines is the host's for any code the program loads at run time:
 * the program cannot export it (docs/internals.md section 2). Immutable.
 */
public final class HostScope {
    private static final int SHN_UNDEF = 0;
    private static final int STB_LOCAL = net.fornwall.jelf.ElfSymbol.BINDING_LOCAL;
    private static final int STT_SECTION = net.fornwall.jelf.ElfSymbol.STT_SECTION;
    private static final int STT_FILE = net.fornwall.jelf.ElfSymbol.STT_FILE;
    private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/lib/x86_64-linux-gnu"),
            Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/lib/aarch64-linux-gnu"),
            Path.of("/usr/lib/aarch64-linux-gnu"), Path.of("/lib64"), Path.of("/usr/lib64"), Path.of("/lib"),
            Path.of("/usr/lib"));

    private static HostScope thisJvm;

    private final Map<String, String> libraryOf;

    private HostScope(Map<String, String> libraryOf) {
        this.libraryOf = Map.copyOf(libraryOf);
    }

    /** A scope that defines nothing: every C name may be exported. */
    public static HostScope none() {
        return new HostScope(Map.of());
    }

    /**
     * The scope of a host started with this JVM's {@code java}. Reads some 25 MB of libraries
     * the first time (about 100 ms), then answers from memory.
     */
    public static synchronized HostScope ofThisJvm() throws IOException {
        if (thisJvm == null) {
            thisJvm = read();
        }
        return thisJvm;
    }

    private static HostScope read() throws IOException {
        var javaHome = Path.of(System.getProperty("java.home"));
        var mapped = mappedFiles();
        var jvm = mapped.stream().filter(p -> p.getFileName().toString().equals("libjvm.so")).findFirst()
                .orElse(javaHome.resolve("lib/server/libjvm.so"));
        return of(List.of(javaHome.resolve("bin/java"), jvm), mapped);
    }

    /**
     * The scope made by loading {@code roots} in order, each with its {@code DT_NEEDED}
     * libraries breadth first (as the dynamic linker builds a search list), a library already
     * in the scope counted once. Needed libraries are looked for among {@code mapped}, then
     * in the usual folders; one not found is left out.
     */
    static HostScope of(List<Path> roots, List<Path> mapped) throws IOException {
        var libraryOf = new HashMap<String, String>();
        var seen = new LinkedHashSet<String>();
        for (var root : roots) {
            var queue = new ArrayDeque<Path>();
            queue.add(root);
            while (!queue.isEmpty()) {
                var file = queue.remove();
                if (!Files.isRegularFile(file) || !seen.add(file.toRealPath().toString())) {
                    continue;
                }
                var library = read(file);
                library.exports().forEach(name -> libraryOf.putIfAbsent(name, library.soname()));
                for (var needed : library.needed()) {
                    find(needed, mapped).ifPresent(queue::add);
                }
            }
        }
        return new HostScope(libraryOf);
    }

    /** The host library defining {@code name} (its soname, {@code libm.so.6}), if one does. */
    public Optional<String> library(String name) {
        return Optional.ofNullable(libraryOf.get(name));
    }

    /** How many names the host's scope defines. */
    public int size() {
        return libraryOf.size();
    }

    private record Library(String soname, List<String> needed, List<String> exports) {
    }

    private static Library read(Path file) throws IOException {
        try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
            var elf = ElfFile.from(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
            var soname = file.getFileName().toString();
            var needed = new ArrayList<String>();
            var dynamic = elf.getDynamicSection();
            if (dynamic != null) {
                needed.addAll(dynamic.getNeededLibraries());
                for (var entry : dynamic.entries) {
                    if (entry.d_tag == ElfDynamicSection.DT_SONAME) {
                        soname = elf.getDynamicStringTable().get((int) entry.d_val_or_ptr);
                    }
                }
            }
            return new Library(soname, needed, exports(elf));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable ELF file: " + e.getMessage(), e);
        }
    }

    private static List<String> exports(ElfFile elf) {
        var names = new ArrayList<String>();
        var table = elf.getDynamicSymbolTableSection();
        if (table == null) {
            return names;
        }
        for (var symbol : table.symbols) {
            int type = symbol.getType();
            if (symbol.st_name == 0 || (symbol.st_shndx & 0xffff) == SHN_UNDEF
                    || symbol.getBinding() == STB_LOCAL || type == STT_SECTION || type == STT_FILE) {
                continue;
            }
            names.add(symbol.getName());
        }
        return names;
    }

    /** {@code libz.so.1}: mapped as {@code .../libz.so.1.2.13}, or beside the usual libraries. */
    private static Optional<Path> find(String soname, List<Path> mapped) {
        for (var file : mapped) {
            var name = file.getFileName().toString();
            if (name.equals(soname) || name.startsWith(soname + ".")) {
                return Optional.of(file);
            }
        }
        return SYSTEM_DIRS.stream().map(dir -> dir.resolve(soname)).filter(Files::isRegularFile).findFirst();
    }

    /** The shared libraries this process has mapped; none where there is no {@code /proc}. */
    private static List<Path> mappedFiles() throws IOException {
        var maps = Path.of("/proc/self/maps");
        var files = new LinkedHashSet<Path>();
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        for (var line : Files.readAllLines(maps)) {
            int slash = line.indexOf('/');
            if (slash > 0 && line.contains(".so")) {
                files.add(Path.of(line.substring(slash).strip()));
            }
        }
        return List.copyOf(files);
    }
}
