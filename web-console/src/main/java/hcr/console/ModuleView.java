package hcr.console;

/**
 * One module row.
 *
 * @param id               module id ({@code physics/body})
 * @param source           its source file, relative to the project
 * @param state            {@code changed} (edited, not built yet), {@code compiling}, {@code compiled}
 *                         (the build goes on), {@code failed} (its compile failed), {@code pending} (built
 *                         into a published generation the program has not loaded yet), {@code loaded}
 *                         (its new code came with the program's current generation), {@code up-to-date}
 *                         (the program runs its newest build, loaded earlier) or {@code removed}
 * @param loadedGeneration the generation whose load brought the program its version, 0 if none
 * @param library          its library file in the newest generation, null before one
 * @param compileMicros    how long its last compile took, null if it was not compiled in this session
 * @param compiledAtMillis when that compile ended
 * @param functions        functions it defines (manifest {@code func} records), null if unknown
 * @param globals          globals it defines (manifest {@code global} records), null if unknown
 * @param librarySize      size of its library in bytes, null if unknown
 */
public record ModuleView(String id, String source, String state, int loadedGeneration, String library,
                         Long compileMicros, Long compiledAtMillis, Integer functions, Integer globals,
                         Long librarySize) {
}
