package hcr.project.init;

import hcr.project.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Which of the build's links makes the program: the one whose output is {@code --target NAME}
 * (its file name, or its path relative to the project), or the only program the build links.
 * Links whose output is gone when the build ends (configure's and CMake's test programs), and
 * those of a build system's own probes ({@code CMakeFiles/3.25.1/CompilerIdC/a.out},
 * {@code meson-private/sanitycheckc.exe}), are not the build's programs.
 */
final class ProgramChoice {
    private static final Set<String> PROBE_FOLDERS = Set.of("CMakeFiles", "meson-private");

    private final BuildGraph graph;
    private final Path root;

    ProgramChoice(BuildGraph graph, Path root) {
        this.graph = graph;
        this.root = root;
    }

    /** The programs the build links, by path (a parallel build links them in any order). */
    List<Link> programs() {
        return graph.links().stream().filter(Link::isProgram).filter(l -> Files.exists(l.output()))
                .filter(l -> !isProbe(l.output())).sorted(Comparator.comparing(Link::output)).toList();
    }

    private boolean isProbe(Path output) {
        var inside = output.startsWith(root) ? root.relativize(output) : output;
        for (var part : inside) {
            if (PROBE_FOLDERS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The program's link.
     *
     * @param target  {@code --target}, if given
     * @param command the build command, for messages
     * @param listing receives one line per program when the choice needs {@code --target}
     */
    Link choose(Optional<String> target, String command, Consumer<String> listing) throws ModelException {
        var programs = programs();
        if (programs.isEmpty()) {
            throw new ModelException(nothingLinked(command));
        }
        if (target.isPresent()) {
            var name = target.get();
            var matches = programs.stream().filter(l -> matches(l, name)).toList();
            if (matches.isEmpty()) {
                throw new ModelException("the build never links '" + name + "'; it links: " + names(programs));
            }
            if (matches.size() > 1) {
                throw new ModelException("the build links " + matches.size() + " programs named '" + name + "': "
                        + matches.stream().map(this::relative).collect(Collectors.joining(", "))
                        + "; choose one with --target PATH");
            }
            return matches.get(0);
        }
        if (programs.size() == 1) {
            return programs.get(0);
        }
        programs.forEach(l -> listing.accept("  " + l.name() + "  (" + relative(l) + ", linked in "
                + relative(l.directory()) + ")"));
        throw new ModelException("the build links " + programs.size() + " programs: " + names(programs)
                + "; choose one with --target NAME");
    }

    private String nothingLinked(String command) {
        if (!graph.ranCompiler()) {
            return "`" + command + "` ran no C compiler: is the tree already built? Clean it (make clean) so that"
                    + " every compile and link runs, and run hcr init again";
        }
        long compiles = graph.compiles().size();
        return "`" + command + "` compiled " + compiles + (compiles == 1 ? " source" : " sources")
                + " but linked no program: give the build command (or make target) that links it";
    }

    private boolean matches(Link link, String target) {
        var wanted = root.resolve(target).normalize();
        return link.name().equals(target) || link.output().equals(wanted) || relative(link).equals(target);
    }

    private String names(List<Link> programs) {
        return programs.stream().map(Link::name).distinct().collect(Collectors.joining(", "));
    }

    private String relative(Link link) {
        return relative(link.output());
    }

    private String relative(Path path) {
        if (!path.startsWith(root)) {
            return path.toString();
        }
        var rel = root.relativize(path).toString();
        return rel.isEmpty() ? "." : rel;
    }
}
