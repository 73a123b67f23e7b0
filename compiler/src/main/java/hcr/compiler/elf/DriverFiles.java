package hcr.compiler.elf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files the compiler driver hands the linker for a library name, found as the driver finds
 * them: {@code cc -print-file-name=libm.so} (or beside the C library, which saves a run of the
 * driver), and link scripts followed, as ld follows them (Debian's {@code libm.so} is a script
 * naming {@code libm.so.6} and, {@code AS_NEEDED}, {@code libmvec.so.1}; glibc's {@code libc.so}
 * names {@code libc_nonshared.a} and the dynamic loader). {@link SystemSymbols} reads the names
 * those files define; the in-process link ({@code hcr.compiler.link.LibrarySearch}) links them.
 */
public final class DriverFiles {

    private DriverFiles() {
    }

    /** The driver command {@code cc} as words ({@code "ccache gcc"} is two). */
    static List<String> driver(String cc) {
        return List.of(cc.strip().split("\\s+"));
    }

    /**
     * One file a library brings into a link, its link script followed.
     *
     * @param file     the file, symlinks followed
     * @param archive  a static archive (else a shared library, or what ld would take as one)
     * @param asNeeded named inside the script's {@code AS_NEEDED ( ... )}: needed only if used,
     *                 whatever {@code --as-needed} says
     */
    public record LinkedFile(Path file, boolean archive, boolean asNeeded) {
    }

    /**
     * What {@code library} (the file ld found for an {@code -l}) brings into a link: itself when
     * it is a binary, else every file its link script names, nested scripts followed, as the C
     * library's script is read for {@link SystemSymbols#moduleLinkInputs} (Debian's {@code libm.so} is
     * {@code GROUP ( /lib/x86_64-linux-gnu/libm.so.6 AS_NEEDED ( /lib/x86_64-linux-gnu/libmvec.so.1 ) )}).
     * An entry the script names that {@code cc} does not find is an error, as it is for ld.
     */
    public static List<LinkedFile> linkedFiles(String cc, Path library) throws IOException {
        var files = new ArrayList<LinkedFile>();
        linkedFiles(driver(cc), library, false, true, files, 0);
        return files;
    }

    /**
     * {@code file} itself when it is a binary, else the inputs its link script names (nested
     * scripts followed a few levels deep): absolute paths, names beside the script, or
     * {@code -l<name>} and bare names as {@code cc} finds them; an entry not found is skipped.
     */
    static void scriptInputs(List<String> driver, Path file, List<Path> into, int depth) throws IOException {
        var files = new ArrayList<LinkedFile>();
        linkedFiles(driver, file, false, false, files, depth);
        files.forEach(f -> into.add(f.file()));
    }

    /** See {@link #linkedFiles(String, Path)}; {@code strict}: a missing entry or a deep nesting is an error. */
    private static void linkedFiles(List<String> driver, Path file, boolean asNeeded, boolean strict,
                                    List<LinkedFile> into, int depth) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (!LinkerScript.looksLikeScript(bytes)) {
            into.add(new LinkedFile(strict ? file.toRealPath() : file, ArchiveSymbols.isArchive(bytes), asNeeded));
            return;
        }
        if (depth > 4) {
            if (strict) {
                throw new IOException(file + ": link scripts nested too deep");
            }
            return;
        }
        var text = new String(bytes, StandardCharsets.UTF_8);
        var whenNeeded = asNeededEntries(text);
        for (var entry : LinkerScript.inputs(text)) {
            var found = scriptEntry(driver, entry, file.getParent());
            if (found != null) {
                linkedFiles(driver, found, asNeeded || whenNeeded.contains(entry), strict, into, depth + 1);
            } else if (strict) {
                throw new IOException(file + " names " + entry + ", which " + String.join(" ", driver) + " does not find");
            }
        }
    }

    /** The entries a link script names inside {@code AS_NEEDED ( ... )}. */
    private static Set<String> asNeededEntries(String script) {
        var text = script.replaceAll("(?s)/\\*.*?\\*/", " ");
        var entries = new HashSet<String>();
        var groups = Pattern.compile("AS_NEEDED\\s*\\(([^()]*)\\)").matcher(text);
        while (groups.find()) {
            for (var entry : groups.group(1).split("[\\s,]+")) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    static Path scriptEntry(List<String> driver, String entry, Path scriptDir) throws IOException {
        var name = entry.startsWith("=") ? entry.substring(1) : entry; // '=' stands for the sysroot
        var candidates = name.startsWith("-l")
                ? List.of("lib" + name.substring(2) + ".so", "lib" + name.substring(2) + ".a") : List.of(name);
        for (var candidate : candidates) {
            var path = scriptDir.resolve(candidate);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        for (var candidate : candidates) {
            if (!candidate.startsWith("/")) {
                var path = Question.ask(driver, "-print-file-name=" + candidate).answer();
                if (path != null) {
                    return path;
                }
            }
        }
        return null;
    }

    /**
     * Where {@code cc} finds each library. They are usually installed beside the C library
     * ({@code libc.so.6} among {@code found}, else asked for); only those that are not cost
     * another {@code cc} run.
     */
    static List<Path> locate(List<String> driver, List<String> libraries, List<Path> found)
            throws IOException {
        var libc = found.stream().filter(p -> p.getFileName().toString().equals("libc.so.6")).findFirst()
                .orElse(null);
        if (libc == null) {
            libc = Question.ask(driver, "-print-file-name=libc.so.6").answer();
        }
        var located = new ArrayList<Path>();
        var elsewhere = new ArrayList<String>();
        for (var library : libraries) {
            var sibling = libc == null ? null : libc.resolveSibling(library);
            if (sibling != null && Files.isRegularFile(sibling)) {
                located.add(sibling);
            } else {
                elsewhere.add(library);
            }
        }
        for (var library : elsewhere) {
            var path = Question.ask(driver, "-print-file-name=" + library).answer();
            if (path != null) {
                located.add(path);
            }
        }
        return located;
    }

    /** A question to the compiler driver that answers with a file name ({@code -print-file-name=...}). */
    record Question(String command, Process process) {
        static Question ask(List<String> driver, String option) throws IOException {
            var words = new ArrayList<>(driver);
            words.add(option);
            var command = String.join(" ", words);
            try {
                return new Question(command, new ProcessBuilder(words).redirectErrorStream(true).start());
            } catch (IOException e) {
                throw new IOException("cannot run " + command + ": " + e.getMessage(), e);
            }
        }

        /** The file, symlinks followed; null when the driver does not know it. */
        Path answer() throws IOException {
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
            return path != null && Files.isRegularFile(path) ? path : null;
        }
    }
}
