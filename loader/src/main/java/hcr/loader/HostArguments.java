package hcr.loader;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The host process's command line:
 * {@code --build-dir D --control SOCK [--name NAME] [--] program-args...}.
 *
 * @param buildDir the build folder whose gen/current is loaded
 * @param controlSocket the dev server's Unix domain socket
 * @param programName argv[0] of the program; by default the project folder's name (the build
 *                    folder's parent)
 * @param programArgs argv[1..] of the program
 */
record HostArguments(Path buildDir, Path controlSocket, String programName, List<String> programArgs) {

    static final String USAGE = "usage: hcr.loader.HostMain --build-dir DIR --control SOCKET [--name NAME] [--] args...";

    HostArguments {
        programArgs = List.copyOf(programArgs);
    }

    /** argv as the program sees it: the program name, then its arguments. */
    String[] argv() {
        var argv = new String[programArgs.size() + 1];
        argv[0] = programName;
        for (int i = 0; i < programArgs.size(); i++) {
            argv[i + 1] = programArgs.get(i);
        }
        return argv;
    }

    static HostArguments parse(String... args) {
        Path buildDir = null;
        Path control = null;
        String name = null;
        int i = 0;
        while (i < args.length) {
            var arg = args[i];
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("--")) {
                break;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value; " + USAGE);
            }
            var value = args[i + 1];
            switch (arg) {
                case "--build-dir" -> buildDir = Path.of(value).toAbsolutePath().normalize();
                case "--control" -> control = Path.of(value);
                case "--name" -> name = value;
                default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
            }
            i += 2;
        }
        if (buildDir == null || control == null) {
            throw new IllegalArgumentException("--build-dir and --control are required; " + USAGE);
        }
        if (name == null) {
            name = defaultProgramName(buildDir);
        }
        return new HostArguments(buildDir, control, name, Arrays.asList(args).subList(i, args.length));
    }

    /** The project folder's name: the build folder's parent (…/sim/.hcr → "sim"). */
    static String defaultProgramName(Path buildDir) {
        var absolute = buildDir.toAbsolutePath().normalize();
        var project = absolute.getParent();
        return project != null && project.getFileName() != null
                ? project.getFileName().toString()
                : absolute.getFileName() == null ? "program" : absolute.getFileName().toString();
    }
}
