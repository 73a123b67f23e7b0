package hcr.loader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a program crashed, read from the JVM's fatal error log (hs_err_pid*.log) or from the
 * runtime's trap message.
 *
 * <p>The log names the signal ({@code #  SIGSEGV (0xb) at pc=...}), the problematic frame
 * ({@code # C  [libsim.g3.so+0x1139]  hcr.step+0x10}) and the native stack. The function is the
 * C name (link-name prefix {@code hcr.} and any {@code .gN}, {@code .cold} or {@code .part.0}
 * suffix removed), the module comes from the library file {@code lib<stem>.g<N>.so}. When the
 * faulting frame is not in the program's code (a NULL passed to {@code strlen}), the innermost
 * frame of the stack that is, is reported: that is the line to look at. A leaf function of the C
 * library leaves no frame behind; then the log's "stack at sp" slots, which name the code that
 * return addresses on the top of the stack point into, supply the caller.
 *
 * @param signal e.g. "SIGSEGV"; null when unknown
 * @param function C name of the function; null when unknown
 * @param module module id (e.g. "physics/body"); null when unknown
 */
record CrashSite(String signal, String function, String module) {

    private static final Pattern SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z0-9]+)\\s+\\(0x[0-9a-fA-F]+\\)");
    private static final Pattern FRAME = Pattern.compile(
            "^#?\\s*C\\s+\\[([^\\]]+?)\\+0x[0-9a-fA-F]+\\](?:\\s+([^\\s+]+)(?:\\+0x[0-9a-fA-F]+)?)?\\s*$");
    private static final Pattern STACK_SLOT = Pattern.compile(
            "^stack at sp \\+ \\d+ slots: 0x[0-9a-fA-F]+: ([^\\s+]+)\\+0x[0-9a-fA-F]+ in (\\S+) at 0x");
    private static final Pattern MODULE_LIBRARY = Pattern.compile("^lib(.+)\\.g\\d+\\.so$");
    private static final Pattern TRAP = Pattern.compile(
            "hcr: function '([^']+)' was removed (?:with|from) module '([^']+)'");

    /** Reads a fatal error log; empty when there is none or it cannot be read. */
    static Optional<CrashSite> fromLog(Path log) {
        try {
            return Optional.of(fromLog(Files.readAllLines(log, StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static CrashSite fromLog(List<String> lines) {
        String signal = null;
        String[] problematic = null;
        String[] innermostModuleFrame = null;
        String[] stackSlot = null;
        boolean afterProblematicHeader = false;
        for (var line : lines) {
            Matcher m;
            if (signal == null && (m = SIGNAL.matcher(line)).find()) {
                signal = m.group(1);
            } else if (line.startsWith("# Problematic frame:")) {
                afterProblematicHeader = true;
            } else if ((m = FRAME.matcher(line)).matches()) {
                var frame = new String[] {m.group(1), m.group(2)};
                if (afterProblematicHeader && problematic == null && line.startsWith("#")) {
                    problematic = frame;
                }
                if (innermostModuleFrame == null && moduleOf(frame[0]) != null) {
                    innermostModuleFrame = frame;
                }
            } else if (stackSlot == null && (m = STACK_SLOT.matcher(line)).find() && moduleOf(m.group(2)) != null) {
                stackSlot = new String[] {m.group(2), m.group(1)};
            }
        }
        var frame = innermostModuleFrame != null ? innermostModuleFrame
                : stackSlot != null ? stackSlot
                : problematic;
        if (frame == null) {
            return new CrashSite(signal, null, null);
        }
        return new CrashSite(signal, cName(frame[1]), moduleOf(frame[0]));
    }

    /** The function and module named by the runtime's trap for a removed function, if the text holds one. */
    static Optional<CrashSite> fromTrap(String stderrLine, String signal) {
        var m = TRAP.matcher(stderrLine);
        return m.find() ? Optional.of(new CrashSite(signal, m.group(1), m.group(2))) : Optional.empty();
    }

    /** {@code libphysics__body.g3.so} (or a path ending in it) → {@code physics/body}; null for other libraries. */
    static String moduleOf(String library) {
        var name = library.substring(library.lastIndexOf('/') + 1);
        var m = MODULE_LIBRARY.matcher(name);
        if (!m.matches() || m.group(1).equals("hcrgroup")) {
            return null;
        }
        return m.group(1).replace("__", "/");
    }

    /** {@code hcr.step}, {@code hcr.step.g4}, {@code step.cold} → {@code step}. */
    static String cName(String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            return null;
        }
        var name = symbol.startsWith("hcr.") ? symbol.substring(4) : symbol;
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
