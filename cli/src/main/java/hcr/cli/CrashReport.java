package hcr.cli;

import hcr.loader.HostEvent;

/** How a crash reads on the terminal: the signal, and where in the program's code it happened. */
final class CrashReport {

    private CrashReport() {
    }

    /** The Linux number of a signal name such as "SIGSEGV", as a shell's exit status shows it; SIGABRT when unknown. */
    static int signalNumber(String signal) {
        var names = java.util.List.of("SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
                "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM");
        var index = signal == null ? -1 : names.indexOf(signal);
        return index < 0 ? 6 : index + 1;
    }

    static String line(String program, HostEvent.Crashed crash) {
        var line = new StringBuilder(program).append(" crashed: ").append(crash.signal());
        if (crash.function() != null) {
            line.append(" in ").append(crash.function()).append("()");
        }
        if (crash.module() != null) {
            line.append(" (module ").append(crash.module()).append(')');
        }
        if (crash.log() != null) {
            line.append("; log ").append(crash.log());
        }
        return line.toString();
    }
}
