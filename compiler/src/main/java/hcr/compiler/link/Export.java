package hcr.compiler.link;

/**
 * A C name the program offers to code it loads at run time (plugins, {@code dlsym}), exported
 * for the first time by this generation's stub library (docs/internals.md sections 2 and 3).
 *
 * @param form how the stub library defines it
 */
public record Export(String moduleId, String cname, Form form) {

    /** How a C name is exported. */
    public enum Form {
        /** A second label on the function's stub, made in the same library: same code, type and size. */
        STUB_LABEL,
        /** An indirect function whose resolver asks the runtime for the name's address. */
        INDIRECT
    }
}
