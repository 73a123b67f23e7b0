package hcr.compiler;

/**
 * Where a build spent its time, in microseconds.
 *
 * @param scanMicros    scanning the project and hashing sources and headers
 * @param compileMicros running the compilers
 * @param linkMicros    symbol analysis, renaming, module, stub and group links
 * @param publishMicros hard links, manifest, the atomic renames, saving state
 * @param totalMicros   the whole build
 */
public record BuildTimings(long scanMicros, long compileMicros, long linkMicros, long publishMicros,
                           long totalMicros) {
}
