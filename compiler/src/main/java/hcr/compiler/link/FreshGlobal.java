package hcr.compiler.link;

/**
 * A global object that gets new storage in this generation instead of binding to the old one.
 *
 * @param reason why, for the user: {@code "size 16 -> 256"}, {@code "reintroduced after removal"},
 *               {@code "was a function"}, {@code "changed layout (vel: offset 8 → 16)"}
 */
public record FreshGlobal(String moduleId, String cname, String linkName, String reason) {

    /** How a reason starts when the global's type changed layout at the same size (from the debug info). */
    public static final String LAYOUT = "changed layout";

    /** Whether it got fresh storage because its layout changed: {@code changed layout (vel: offset 8 → 16)}. */
    public boolean layoutChanged() {
        return reason.startsWith(LAYOUT);
    }
}
