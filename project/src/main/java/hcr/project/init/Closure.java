package hcr.project.init;

import java.util.List;

/**
 * What hcr reloads of a program, and what it links with.
 *
 * @param program        the program's link
 * @param modules        every C source in the program, with the compile that made its object,
 *                       in link-line order
 * @param linkArguments  the rest of the link line, and the libraries the project's own shared
 *                       libraries link with; paths relative to the project directory, not yet
 *                       filtered by {@link hcr.project.FlagPolicy#linkInputs}
 * @param notes          what the trace noticed and the user should know (one line each)
 */
record Closure(Link program, List<Compile> modules, List<String> linkArguments, List<String> notes) {

    Closure {
        modules = List.copyOf(modules);
        linkArguments = List.copyOf(linkArguments);
        notes = List.copyOf(notes);
    }
}
