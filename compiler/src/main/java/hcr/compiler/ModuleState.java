package hcr.compiler;

import java.util.Locale;

/** How a live module's library in a generation relates to the previous generation. */
public enum ModuleState {
    /** Not live in the previous generation. */
    NEW,
    /** A new library: new code, or relinked because its symbols' link names changed. */
    CHANGED,
    /** The same library file as in the previous generation. */
    KEPT;

    /** The word the manifest uses: {@code new}, {@code changed}, {@code kept}. */
    public String manifestName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
