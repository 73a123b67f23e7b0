package hcr.compiler.link;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What ld would read from the driver's linker command line ({@link DriverLink}) for a module's
 * library, as far as it changes the library: the folders {@code -l} searches, the libraries in
 * their order with the {@code --as-needed} state each was named in, and {@code -z now}. What
 * the in-process link does as ld does is accepted: the driver's own words (plugin, emulation,
 * {@code --build-id}, {@code --eh-frame-hdr}, {@code --hash-style=gnu}, the start files),
 * {@code --as-needed}, {@code --no-as-needed}, {@code --push-state}, {@code --pop-state},
 * {@code -E}/{@code --export-dynamic} (a shared library exports every default-visible symbol
 * anyway: ld's output is the same byte for byte), {@code -z relro} (ld's default),
 * {@code -z now} and {@code -z lazy}, {@code -z noexecstack} (an object asking for an
 * executable stack is declined anyway). Anything else is declined here with the word that
 * ld would read: another file (an archive, a shared library or an object given by path), or
 * another option ({@code -Bstatic}, {@code -z defs}, {@code -O1}, {@code --gc-sections}...).
 *
 * @param searchDirs the {@code -L} folders, in order (ld applies every {@code -L} to every {@code -l})
 * @param libraries  every {@code -l}, in order, the driver's {@code -lgcc}, {@code -lgcc_s} and
 *                   {@code -lc} included
 * @param bindNow    {@code -z now}: {@code DT_FLAGS BIND_NOW} and {@code DT_FLAGS_1 NOW}
 */
record LinkLine(List<Path> searchDirs, List<Library> libraries, boolean bindNow) {
    /**
     * One {@code -l}: {@code name} is {@code m} for {@code -lm} ({@code libm.so}, else
     * {@code libm.a}) or {@code :libfoo.so.1} for {@code -l:libfoo.so.1} (that file).
     */
    record Library(String name, boolean asNeeded) {
        /** The file names ld looks for in each folder, in order. */
        List<String> fileNames() {
            return name.startsWith(":") ? List.of(name.substring(1)) : List.of("lib" + name + ".so", "lib" + name + ".a");
        }

        @Override
        public String toString() {
            return "-l" + name;
        }
    }

    LinkLine {
        searchDirs = List.copyOf(searchDirs);
        libraries = List.copyOf(libraries);
    }

    /** Reads the linker's words (its program first) for an object named {@code object}; throws {@link Decline} for what the link does not make. */
    static LinkLine read(List<String> words, String object, Path dir) {
        return new Reader(words, object, dir).read();
    }

    private static final class Reader {
        private final List<String> words;
        private final String object;
        private final Path dir;
        private final List<Path> searchDirs = new ArrayList<>();
        private final List<Library> libraries = new ArrayList<>();
        private final ArrayDeque<Boolean> saved = new ArrayDeque<>();
        private boolean asNeeded;
        private boolean bindNow;
        private boolean objectSeen;
        private int at = 1;

        Reader(List<String> words, String object, Path dir) {
            this.words = words;
            this.object = object;
            this.dir = dir;
        }

        LinkLine read() {
            while (at < words.size()) {
                word(words.get(at++));
            }
            if (!objectSeen) {
                throw new Decline("the driver's link line does not name the object");
            }
            return new LinkLine(searchDirs, libraries, bindNow);
        }

        private void word(String w) {
            switch (w) {
                case "-plugin", "-m", "-o" -> {
                    String value = argument(w);
                    if (w.equals("-m") && !value.equals("elf_x86_64")) {
                        throw new Decline("ld emulation " + value);
                    }
                }
                case "--build-id", "--build-id=sha1", "--eh-frame-hdr", "--hash-style=gnu", "-shared", "-E",
                        "--export-dynamic", "-export-dynamic" -> { }
                case "--as-needed", "-as-needed" -> asNeeded = true;
                case "--no-as-needed", "-no-as-needed" -> asNeeded = false;
                case "--push-state" -> saved.push(asNeeded);
                case "--pop-state" -> {
                    if (saved.isEmpty()) {
                        throw new Decline("--pop-state without --push-state");
                    }
                    asNeeded = saved.pop();
                }
                case "-z" -> keyword(argument(w));
                case "-L" -> searchDirs.add(dir.resolve(argument(w)));
                case "-l" -> libraries.add(new Library(argument(w), asNeeded));
                default -> other(w);
            }
        }

        private void other(String w) {
            if (w.startsWith("-plugin-opt=") || w.startsWith("--sysroot=")) {
                return;
            }
            if (w.startsWith("-z") && w.length() > 2) {
                keyword(w.substring(2));
            } else if (w.startsWith("-L") && w.length() > 2) {
                searchDirs.add(dir.resolve(w.substring(2)));
            } else if (w.startsWith("-l") && w.length() > 2) {
                libraries.add(new Library(w.substring(2), asNeeded));
            } else if (w.startsWith("-")) {
                throw new Decline("the link passes " + w + " to ld");
            } else if (w.equals(object) && !objectSeen) {
                objectSeen = true;
            } else if (!startFile(w)) {
                throw new Decline("the link names the file " + w);
            }
        }

        private void keyword(String keyword) {
            switch (keyword) {
                case "relro", "noexecstack" -> { }
                case "now" -> bindNow = true;
                case "lazy" -> bindNow = false;
                default -> throw new Decline("the link passes -z " + keyword + " to ld");
            }
        }

        private String argument(String option) {
            if (at >= words.size()) {
                throw new Decline("ld option " + option + " without its argument");
            }
            return words.get(at++);
        }

        /** The C runtime's start files the driver adds around the objects: what crtbeginS.o adds, a C module does not use. */
        private static boolean startFile(String w) {
            var name = Path.of(w).getFileName().toString();
            return List.of("crti.o", "crtn.o", "crtbeginS.o", "crtendS.o").contains(name);
        }
    }
}
