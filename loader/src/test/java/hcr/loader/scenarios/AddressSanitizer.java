package hcr.loader.scenarios;

import hcr.testsupport.RequiredTool;
import hcr.compiler.BuildConfig;
import hcr.loader.HostOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Running a program's modules under AddressSanitizer inside the host JVM: the modules are
 * compiled and linked with {@code -fsanitize=address}, and the host starts with the compiler's
 * ASan runtime preloaded (it must come first in the process) and with options that leave
 * SIGSEGV, SIGBUS and SIGFPE to the JVM, which uses them itself.
 *
 * @param runtime the compiler's {@code libasan.so}
 */
record AddressSanitizer(Path runtime) {

    /**
     * The JVM handles SIGSEGV, SIGBUS and SIGFPE itself and leaks by design. ODR checking is off:
     * a reload loads a second definition of a C name on purpose (a grown global's new storage
     * beside its old one), and ASan's per-name ODR indicator ({@code __odr_asan.<name>}, itself a
     * global the old library already defines) would report that as an ODR violation. Bounds
     * checking is unaffected.
     */
    static final String OPTIONS = "detect_leaks=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0"
            + ":allow_user_segv_handler=1:detect_stack_use_after_return=0:detect_odr_violation=0";

    /** The runtime of the compiler a build would use; the test fails on CI, or is skipped, without it. */
    static AddressSanitizer require() throws IOException, InterruptedException {
        var cc = BuildConfig.defaults(Path.of(".")).cc();
        var command = new java.util.ArrayList<>(List.of(cc.strip().split("\\s+")));
        command.add("-print-file-name=libasan.so");
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean done = process.waitFor(30, TimeUnit.SECONDS);
        var runtime = Path.of(answer);
        // without the library the compiler echoes the bare name
        RequiredTool.require(done && process.exitValue() == 0 && runtime.isAbsolute() && Files.exists(runtime),
                "AddressSanitizer's runtime (" + String.join(" ", command) + " answered \"" + answer + "\")");
        return new AddressSanitizer(runtime.toRealPath());
    }

    /**
     * Modules compiled and linked with the sanitizer. The runtime is also named as a link input:
     * it defines the {@code __asan_*} names the instrumented modules reference.
     */
    BuildConfig configure(BuildConfig config) {
        return config.withCflags(List.of("-fsanitize=address", "-fno-omit-frame-pointer"))
                .withLibraries(List.of("-fsanitize=address", runtime.toString()));
    }

    /** A host with the runtime preloaded. */
    HostOptions configure(HostOptions options) {
        return options.withEnvironment("LD_PRELOAD", runtime.toString()).withEnvironment("ASAN_OPTIONS", OPTIONS);
    }
}
