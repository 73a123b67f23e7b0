package hcr.project.init;

import hcr.project.ProjectFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What hcr init tells the user once hcr.toml is written, one short line each: the program,
 * its module count and link inputs; the sources the build compiled that are not modules; what
 * was dropped and why.
 */
final class InitSummary {
    private static final int NAMED = 4;

    private final Path root;

    InitSummary(Path root) {
        this.root = root;
    }

    List<String> lines(String command, ProjectFile project, Closure closure, BuildGraph graph) {
        var lines = new ArrayList<String>();
        var name = project.name().orElse("the program");
        int modules = closure.modules().size();
        lines.add(name + " from `" + command + "`: " + modules + (modules == 1 ? " module, " : " modules, ")
                + (project.link().isEmpty() ? "no link inputs" : "link inputs " + String.join(" ", project.link())));
        var outside = outsideSources(closure, graph);
        if (!outside.isEmpty()) {
            var shown = outside.stream().limit(NAMED).toList();
            lines.add("not modules: " + outside.size() + (outside.size() == 1 ? " source" : " sources")
                    + " the build compiled outside " + name + "'s link (" + String.join(", ", shown)
                    + (outside.size() > NAMED ? ", ..." : "") + ")");
        }
        closure.notes().forEach(lines::add);
        project.dropped().forEach(d -> lines.add("dropped " + d.flag() + " (" + d.reason() + ")"));
        return lines;
    }

    /** C sources of the project the build compiled that are not in the closure, by path. */
    private List<String> outsideSources(Closure closure, BuildGraph graph) {
        var inClosure = closure.modules().stream().map(Compile::source).toList();
        var outside = new LinkedHashSet<String>();
        for (var compile : graph.compiles()) {
            var source = compile.source();
            if (compile.isC() && source.startsWith(root) && Files.isRegularFile(source) && !inClosure.contains(source)) {
                outside.add(root.relativize(source).toString());
            }
        }
        return List.copyOf(outside);
    }
}
