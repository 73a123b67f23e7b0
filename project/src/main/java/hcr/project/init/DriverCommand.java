package hcr.project.init;

import hcr.project.FlagPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A compiler driver's command line read as gcc reads it: what it does ({@code -c} compiles,
 * {@code -S}, {@code -E} and {@code -M} do neither, anything else with input files links), its
 * output ({@code -o FILE}, {@code -oFILE}), and its input files in order, each with its
 * {@link FileKind}. Option values ({@code -I dir}, {@code -o out}, {@code -l m}) are told from
 * files by {@link FlagPolicy#takesArgument}.
 *
 * @param execution  the recorded execution
 * @param mode       what the command does
 * @param output     {@code -o}'s file as written, if given
 * @param files      the input files, in order, with their index in {@link Execution#options()}
 * @param shared     {@code -shared}: the link makes a shared library
 * @param relocatable {@code -r} or {@code -Wl,-r}: the link makes one object of several
 */
record DriverCommand(Execution execution, Mode mode, Optional<String> output, List<FileWord> files, boolean shared,
                     boolean relocatable) {

    /** What a driver command does. */
    enum Mode { COMPILE, LINK, OTHER }

    /** An input file of the command line. */
    record FileWord(int index, String text, FileKind kind) {
    }

    DriverCommand {
        files = List.copyOf(files);
    }

    static DriverCommand parse(Execution execution) {
        var options = execution.options();
        boolean compile = false;
        boolean other = false;
        boolean dependencies = false;
        boolean dependencyFile = false;
        boolean shared = false;
        boolean relocatable = false;
        String output = null;
        var files = new ArrayList<FileWord>();
        for (int i = 0; i < options.size(); i++) {
            var arg = options.get(i);
            switch (arg) {
                case "-c" -> compile = true;
                case "-S", "-E" -> other = true;
                case "-M", "-MM" -> dependencies = true;
                case "-MD", "-MMD" -> dependencyFile = true;
                case "-shared" -> shared = true;
                case "-r", "-Wl,-r", "-Wl,--relocatable" -> relocatable = true;
                default -> {
                }
            }
            if (arg.equals("-o") && i + 1 < options.size()) {
                output = options.get(++i);
            } else if (arg.startsWith("-o") && arg.length() > 2 && !arg.startsWith("-openmp")) {
                output = arg.substring(2);
            } else if (FlagPolicy.takesArgument(arg)) {
                i++;
            } else if (!arg.startsWith("-") || arg.equals("-")) {
                files.add(new FileWord(i, arg, arg.equals("-") ? FileKind.OTHER : FileKind.of(arg)));
            }
        }
        Mode mode;
        if (other || dependencies && !dependencyFile) {
            mode = Mode.OTHER;
        } else if (compile) {
            mode = Mode.COMPILE;
        } else {
            mode = files.isEmpty() ? Mode.OTHER : Mode.LINK;
        }
        return new DriverCommand(execution, mode, Optional.ofNullable(output), files, shared, relocatable);
    }

    /** The source files on the command line. */
    List<FileWord> sources() {
        return files.stream().filter(f -> f.kind().isSource()).toList();
    }

    /**
     * The options that compile {@code keep} alone: the command's options without its other
     * sources ({@code gcc -c a.c b.c} compiles each as if it were given alone) and, when the
     * command also links ({@code gcc -o prog main.c util.o -lm}), without its other files and
     * libraries.
     */
    List<String> optionsFor(FileWord keep) {
        var options = new ArrayList<String>();
        var all = execution.options();
        for (int i = 0; i < all.size(); i++) {
            int index = i;
            var arg = all.get(i);
            var file = files.stream().filter(f -> f.index() == index).findFirst();
            if (file.isPresent() && file.get() != keep && (file.get().kind().isSource() || mode == Mode.LINK)) {
                continue;
            }
            if (mode == Mode.LINK && (arg.equals("-l") || arg.equals("-L")) && i + 1 < all.size()) {
                i++;
                continue;
            }
            if (mode == Mode.LINK && (arg.startsWith("-l") || arg.startsWith("-L"))) {
                continue;
            }
            options.add(arg);
        }
        return options;
    }
}
