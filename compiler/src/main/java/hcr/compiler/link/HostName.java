package hcr.compiler.link;

/**
 * A C name the program defines that the host process defines too ({@code log} in
 * {@code libm.so.6}): the host's libraries come first in the global scope, so code the program
 * loads at run time finds the host's, and hcr does not export the name. The program's own
 * calls still reach its own definition, through its link name.
 *
 * @param library the host library's soname
 */
public record HostName(String moduleId, String cname, String library) {

    /** What the build tells the user, once per name and session. */
    public String message() {
        return "'" + cname + "' is also defined by the host process (" + library
                + "); code loaded at run time finds the host's";
    }
}
