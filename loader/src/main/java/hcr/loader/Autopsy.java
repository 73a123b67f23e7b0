package hcr.loader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides how a host ended, once its process is gone and its output drained.
 *
 * <p>In order: a JVM fatal error log for the pid means a crash (signal and place from the log;
 * when the log could not be written where asked, from the banner the JVM prints on stdout);
 * an {@code exited} message means main returned; a host asked to stop was stopped; an exit code
 * of 128+n (n a signal number) means death by that signal, with the place taken from the
 * runtime's trap message when stderr shows one; anything else is an exit with that code.
 *
 * @param hostDir where the host writes hs_err_pid*.log
 */
record Autopsy(Path hostDir) {

    private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
        "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    private static final String LOG_SAVED_AS = "# An error report file with more information is saved as:";

    /** hs_err log of the host with {@code pid}. */
    Path fatalErrorLog(long pid) {
        return hostDir.resolve("hs_err_pid" + pid + ".log");
    }

    /**
     * @param pid the host's pid
     * @param exitCode the process's exit code as Java reports it (128+n for signal n)
     * @param mainStatus the status main returned, from the host's {@code exited} message; null if none came
     * @param stopping whether {@link ProgramHost#stop()} ended it
     * @param recentOutput the last lines the program wrote, stdout and stderr
     */
    HostEvent.Ending examine(long pid, int exitCode, Integer mainStatus, boolean stopping, List<String> recentOutput) {
        var log = fatalErrorLog(pid);
        if (Files.isRegularFile(log)) {
            var site = CrashSite.fromLog(log).orElse(new CrashSite(null, null, null));
            var signal = site.signal() != null ? site.signal() : signalName(exitCode);
            return new HostEvent.Crashed(signal, site.function(), site.module(), log);
        }
        int banner = recentOutput.indexOf(CrashBannerLines.MARKER);
        if (banner >= 0) {
            var lines = recentOutput.subList(banner, recentOutput.size());
            var site = CrashSite.fromLog(lines);
            return new HostEvent.Crashed(site.signal() != null ? site.signal() : signalName(exitCode),
                    site.function(), site.module(), savedLog(lines));
        }
        if (mainStatus != null) {
            return new HostEvent.Exited(mainStatus);
        }
        if (stopping) {
            return new HostEvent.Stopped();
        }
        var signal = signalName(exitCode);
        if (signal != null) {
            for (int i = recentOutput.size() - 1; i >= 0; i--) {
                var trap = CrashSite.fromTrap(recentOutput.get(i), signal);
                if (trap.isPresent()) {
                    return new HostEvent.Crashed(signal, trap.get().function(), trap.get().module(), null);
                }
            }
            return new HostEvent.Crashed(signal, null, null, null);
        }
        return new HostEvent.Exited(exitCode);
    }

    /** The log file the banner says it wrote, or null. */
    private static Path savedLog(List<String> banner) {
        int at = banner.indexOf(LOG_SAVED_AS);
        if (at < 0 || at + 1 >= banner.size()) {
            return null;
        }
        var path = banner.get(at + 1).replaceFirst("^#\\s*", "").strip();
        return path.startsWith("/") ? Path.of(path) : null;
    }

    /** "SIGSEGV" for 139, null when the code is not 128 + a signal number. */
    static String signalName(int exitCode) {
        int n = exitCode - 128;
        return n > 0 && n < SIGNALS.length ? SIGNALS[n] : null;
    }
}
