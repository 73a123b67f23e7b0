package hcr.project;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What hcr.toml says, as written: paths relative to the file's folder, globs unexpanded,
 * pkg-config packages unresolved. {@link HcrToml} reads and writes it; {@link ModelResolver}
 * turns it into a {@link ProgramModel}.
 *
 * @param name            {@code [program] name}: argv[0] and the release executable's name
 * @param args            {@code [program] args}: the program's default arguments
 * @param runDirectory    {@code [program] directory}: where the program runs
 * @param env             {@code [program] env}: added to the program's environment
 * @param cc              {@code [build] cc}: the C compiler command
 * @param compileDatabase {@code [build] compile_database}: a {@code compile_commands.json}
 * @param buildDirectory  {@code [build] directory}: where compiles of glob-matched sources run
 * @param sources         {@code [build] sources}: globs or files
 * @param exclude         {@code [build] exclude}: globs or files never modules
 * @param flags           {@code [build] flags}: compile flags every module gets first
 * @param includeDirs     {@code [build] include_dirs}: {@code -I} for every module
 * @param defines         {@code [build] defines}: {@code -D} for every module
 * @param pkgConfig       {@code [build] pkg_config}: packages whose cflags every module gets and
 *                        whose libs are link inputs
 * @param link            {@code [build] link}: link inputs
 * @param modules         {@code [[module]]}: sources with a compile command of their own
 * @param dropped         {@code [[dropped]]}: what hcr init left out of the build's flags, and why
 *                        (information only)
 */
public record ProjectFile(Optional<String> name, List<String> args, Optional<String> runDirectory,
                          Map<String, String> env, Optional<String> cc, Optional<String> compileDatabase,
                          Optional<String> buildDirectory, List<String> sources, List<String> exclude,
                          List<String> flags, List<String> includeDirs, List<String> defines,
                          List<String> pkgConfig, List<String> link, List<Module> modules,
                          List<DroppedFlag> dropped) {

    /**
     * {@code [[module]]}: one source with its own compile command.
     *
     * @param source    the file, relative to hcr.toml's folder
     * @param directory where its compile runs, relative to hcr.toml's folder; empty for
     *                  {@code [build] directory}
     * @param flags     its compile flags, after the common ones
     */
    public record Module(String source, Optional<String> directory, List<String> flags) {
        public Module {
            Objects.requireNonNull(source, "source");
            flags = List.copyOf(flags);
        }
    }

    public ProjectFile {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        sources = List.copyOf(sources);
        exclude = List.copyOf(exclude);
        flags = List.copyOf(flags);
        includeDirs = List.copyOf(includeDirs);
        defines = List.copyOf(defines);
        pkgConfig = List.copyOf(pkgConfig);
        link = List.copyOf(link);
        modules = List.copyOf(modules);
        dropped = List.copyOf(dropped);
    }

    /** True when a {@code sources} or {@code exclude} entry is a glob rather than one file's path. */
    public static boolean isGlob(String path) {
        return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** An empty description, to build up with the {@code with} methods. */
    public static ProjectFile empty() {
        return new ProjectFile(Optional.empty(), List.of(), Optional.empty(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    public ProjectFile withName(String value) {
        return new ProjectFile(Optional.ofNullable(value), args, runDirectory, env, cc, compileDatabase,
                buildDirectory, sources, exclude, flags, includeDirs, defines, pkgConfig, link, modules, dropped);
    }

    public ProjectFile withCc(String value) {
        return new ProjectFile(name, args, runDirectory, env, Optional.ofNullable(value), compileDatabase,
                buildDirectory, sources, exclude, flags, includeDirs, defines, pkgConfig, link, modules, dropped);
    }

    public ProjectFile withBuildDirectory(String value) {
        return new ProjectFile(name, args, runDirectory, env, cc, compileDatabase,
                Optional.ofNullable(value), sources, exclude, flags, includeDirs, defines, pkgConfig, link, modules,
                dropped);
    }

    public ProjectFile withSources(List<String> value) {
        return new ProjectFile(name, args, runDirectory, env, cc, compileDatabase, buildDirectory, value, exclude,
                flags, includeDirs, defines, pkgConfig, link, modules, dropped);
    }

    public ProjectFile withFlags(List<String> value) {
        return new ProjectFile(name, args, runDirectory, env, cc, compileDatabase, buildDirectory, sources, exclude,
                value, includeDirs, defines, pkgConfig, link, modules, dropped);
    }

    public ProjectFile withLink(List<String> value) {
        return new ProjectFile(name, args, runDirectory, env, cc, compileDatabase, buildDirectory, sources, exclude,
                flags, includeDirs, defines, pkgConfig, value, modules, dropped);
    }

    public ProjectFile withModules(List<Module> value) {
        return new ProjectFile(name, args, runDirectory, env, cc, compileDatabase, buildDirectory, sources, exclude,
                flags, includeDirs, defines, pkgConfig, link, value, dropped);
    }

    public ProjectFile withDropped(List<DroppedFlag> value) {
        return new ProjectFile(name, args, runDirectory, env, cc, compileDatabase, buildDirectory, sources, exclude,
                flags, includeDirs, defines, pkgConfig, link, modules, value);
    }
}
