package hcr.loader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run a program: its build folder and arguments, what happens to its output and input,
 * and how to launch the host JVM. Start from {@link #of(Path)} and change what differs:
 * {@code HostOptions.of(buildDir).withArgs("--fast").withOutput(OutputMode.INHERIT_AND_CAPTURE)}.
 *
 * @param buildDir the build folder with a published generation (e.g. {@code project/.hcr})
 * @param programArgs argv[1..]
 * @param programName argv[0]; by default the project folder's name (the build folder's parent)
 * @param output what happens to the program's stdout and stderr
 * @param input the program's stdin
 * @param javaExecutable the java launcher for the host; by default this JVM's
 * @param classPath the host's class path (loader, JNA, hcr-native); by default this JVM's
 * @param jvmOptions extra host JVM options, after the defaults of {@link ProgramHost}
 * @param environment variables added to the program's environment
 * @param connectTimeout how long the host JVM may take to come up and connect
 * @param workingDir where the program runs; null for this process's working directory
 */
public record HostOptions(Path buildDir, List<String> programArgs, String programName, OutputMode output,
                          InputMode input, Path javaExecutable, String classPath, List<String> jvmOptions,
                          Map<String, String> environment, Duration connectTimeout, Path workingDir) {

    /** What happens to the program's output; every line is delivered as an event in both modes. */
    public enum OutputMode {
        /** Lines are captured only. */
        CAPTURE,
        /** Output is also copied unchanged to this process's stdout and stderr (the dev server). */
        INHERIT_AND_CAPTURE
    }

    /** The program's stdin. */
    public enum InputMode {
        /** Reads see end of file at once. */
        CLOSED,
        /** The program reads this process's stdin (the dev server's terminal). */
        INHERIT
    }

    public HostOptions {
        buildDir = buildDir.toAbsolutePath().normalize();
        programArgs = List.copyOf(programArgs);
        jvmOptions = List.copyOf(jvmOptions);
        environment = Map.copyOf(environment);
    }

    /** Captured output, closed stdin, this JVM's java and class path. */
    public static HostOptions of(Path buildDir) {
        return new HostOptions(buildDir, List.of(), HostArguments.defaultProgramName(buildDir), OutputMode.CAPTURE,
                InputMode.CLOSED, Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), List.of(), Map.of(), Duration.ofSeconds(60), null);
    }

    public HostOptions withArgs(String... args) {
        return new HostOptions(buildDir, List.of(args), programName, output, input, javaExecutable, classPath,
                jvmOptions, environment, connectTimeout, workingDir);
    }

    public HostOptions withProgramName(String name) {
        return new HostOptions(buildDir, programArgs, name, output, input, javaExecutable, classPath,
                jvmOptions, environment, connectTimeout, workingDir);
    }

    public HostOptions withOutput(OutputMode mode) {
        return new HostOptions(buildDir, programArgs, programName, mode, input, javaExecutable, classPath,
                jvmOptions, environment, connectTimeout, workingDir);
    }

    public HostOptions withInput(InputMode mode) {
        return new HostOptions(buildDir, programArgs, programName, output, mode, javaExecutable, classPath,
                jvmOptions, environment, connectTimeout, workingDir);
    }

    public HostOptions withJava(Path executable) {
        return new HostOptions(buildDir, programArgs, programName, output, input, executable, classPath,
                jvmOptions, environment, connectTimeout, workingDir);
    }

    public HostOptions withClassPath(String path) {
        return new HostOptions(buildDir, programArgs, programName, output, input, javaExecutable, path,
                jvmOptions, environment, connectTimeout, workingDir);
    }

    public HostOptions withJvmOptions(String... options) {
        return new HostOptions(buildDir, programArgs, programName, output, input, javaExecutable, classPath,
                List.of(options), environment, connectTimeout, workingDir);
    }

    public HostOptions withEnvironment(String name, String value) {
        var variables = new LinkedHashMap<>(environment);
        variables.put(name, value);
        return new HostOptions(buildDir, programArgs, programName, output, input, javaExecutable, classPath,
                jvmOptions, variables, connectTimeout, workingDir);
    }

    public HostOptions withConnectTimeout(Duration timeout) {
        return new HostOptions(buildDir, programArgs, programName, output, input, javaExecutable, classPath,
                jvmOptions, environment, timeout, workingDir);
    }

    public HostOptions withWorkingDir(Path dir) {
        return new HostOptions(buildDir, programArgs, programName, output, input, javaExecutable, classPath,
                jvmOptions, environment, connectTimeout, dir == null ? null : dir.toAbsolutePath().normalize());
    }

    /** The host's own files: fatal error logs of crashed hosts. */
    public Path hostDir() {
        return buildDir.resolve("host");
    }
}
