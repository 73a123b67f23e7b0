package hcr.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on: processors and load, printed with every run. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " processors, load " + loadAverage();
    }

    /** The processors and the load averages at the start of a run and now. */
    static String describe(String loadBefore) {
        return Runtime.getRuntime().availableProcessors() + " processors, load " + loadBefore + " before, "
                + loadAverage() + " after";
    }

    /** The 1, 5 and 15 minute load averages, or {@code ?}. */
    static String loadAverage() {
        try {
            var fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
