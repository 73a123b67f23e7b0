package hcr.project;

import java.util.List;

/**
 * A flag of the program's own build that hcr leaves out (or overrides) because it cannot work
 * with reloading, and why.
 *
 * @param flag   as the build gave it ({@code -flto}, {@code -Wl,--gc-sections})
 * @param reason one short sentence
 */
public record DroppedFlag(String flag, String reason) {

    /** Adds {@code flag} to {@code list} unless the list already names the same flag. */
    public static void addOnce(List<DroppedFlag> list, DroppedFlag flag) {
        if (list.stream().noneMatch(d -> d.flag().equals(flag.flag()))) {
            list.add(flag);
        }
    }
}
