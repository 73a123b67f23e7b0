package hcr.cli;

import hcr.loader.HostEvent;

/** How a crash reads on the terminal: the signal, and where in the program's code it happened. */
final class CrashReport {

    private CrashReport() {
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
