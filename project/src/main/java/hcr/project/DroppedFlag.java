package hcr.project;

/**
 * A flag of the program's own build that hcr leaves out (or overrides) because it cannot work
 * with reloading, and why.
 *
 * @param flag   as the build gave it ({@code -flto}, {@code -Wl,--gc-sections})
 * @param reason one short sentence
 */
public record DroppedFlag(String flag, String reason) {
}
