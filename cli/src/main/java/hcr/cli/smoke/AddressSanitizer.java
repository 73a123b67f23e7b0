package hcr.cli.smoke;

import hcr.compiler.BuildConfig;
import hcr.loader.HostOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code sanitize address}: the modules compiled and linked with {@code -fsanitize=address}, and
 * the host started with the compiler's ASan runtime preloaded (it must come first in the process),
 * leaving SIGSEGV, SIGBUS and SIGFPE to the JVM, which uses them itself. ODR checking is off: a
 * grown global's new storage beside its old one is a second definition of a C name on purpose.
 *
 * @param runtime the compiler's {@code libasan.so}
 */
record AddressSanitizer(Path runtime) {

    static final String OPTIONS = "detect_leaks=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0"
            + ":allow_user_segv_handler=1:detect_stack_use_after_return=0:detect_odr_violation=0";

    /** The runtime of the compiler the build uses. */
    static AddressSanitizer of(BuildConfig config) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(config.cc().strip().split("\\s+")));
        command.add("-print-file-name=libasan.so");
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean done = process.waitFor(30, TimeUnit.SECONDS);
        var runtime = Path.of(answer);
        // without the library the compiler echoes the bare name
        if (!done || process.exitValue() != 0 || !runtime.isAbsolute() || !Files.exists(runtime)) {
            throw new IOException("AddressSanitizer's runtime is not installed (" + String.join(" ", command)
                    + " answered \"" + answer + "\"; on Debian: apt-get install libasan8)");
        }
        return new AddressSanitizer(runtime.toRealPath());
    }

    BuildConfig configure(BuildConfig config) {
        var cflags = new ArrayList<>(config.cflags());
        cflags.addAll(List.of("-fsanitize=address", "-fno-omit-frame-pointer"));
        var libraries = new ArrayList<>(config.libraries());
        libraries.addAll(List.of("-fsanitize=address", runtime.toString()));
        return config.withCflags(cflags).withLibraries(libraries);
    }

    HostOptions configure(HostOptions options) {
        return options.withEnvironment("LD_PRELOAD", runtime.toString()).withEnvironment("ASAN_OPTIONS", OPTIONS);
    }
}
