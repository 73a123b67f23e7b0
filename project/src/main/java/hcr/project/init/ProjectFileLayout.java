package hcr.project.init;

import hcr.project.DroppedFlag;
import hcr.project.FlagPolicy;
import hcr.project.ProjectFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a program's closure as hcr.toml says it ({@link ProjectFile}), as short as it stays
 * exact. When every module compiles in one directory with the same flags: {@code [build]
 * directory}, {@code flags} and the explicit {@code sources}. Otherwise one {@code [[module]]}
 * each, with the flags every module begins with in {@code [build] flags} and only the rest in
 * the module's own: hcr puts a module's flags together as the common ones followed by its own,
 * so only a common beginning may move, never a flag from the middle (the order of {@code -I},
 * {@code -D}/{@code -U} and {@code -O} decides what they mean).
 */
final class ProjectFileLayout {
    private final Path root;

    ProjectFileLayout(Path root) {
        this.root = root;
    }

    /** One module as hcr.toml names it: paths relative to the project, flags as hcr keeps them. */
    private record Entry(String source, String directory, List<String> flags) {
    }

    ProjectFile layout(String name, Closure closure) {
        var dropped = new ArrayList<DroppedFlag>();
        var entries = new ArrayList<Entry>();
        var compilers = new LinkedHashMap<String, Integer>();
        for (var compile : closure.modules()) {
            var flags = compile.flags();
            flags.dropped().forEach(d -> DroppedFlag.addOnce(dropped, d));
            entries.add(new Entry(relative(compile.source()), relative(compile.directory()), flags.kept()));
            compilers.merge(compile.compiler(), 1, Integer::sum);
        }
        var link = FlagPolicy.linkInputs(closure.linkArguments());
        link.dropped().forEach(d -> DroppedFlag.addOnce(dropped, d));
        var file = ProjectFile.empty().withName(name).withCc(mostCommon(compilers)).withLink(link.kept())
                .withDropped(dropped);
        var directory = mostCommon(count(entries.stream().map(Entry::directory).toList()));
        boolean uniform = entries.stream().allMatch(e -> e.directory().equals(directory)
                && e.flags().equals(entries.get(0).flags()) && !ProjectFile.isGlob(e.source()));
        var buildDirectory = directory.equals(".") ? null : directory;
        if (uniform) {
            return file.withBuildDirectory(buildDirectory).withFlags(entries.get(0).flags())
                    .withSources(entries.stream().map(Entry::source).toList());
        }
        var common = commonBeginning(entries.stream().map(Entry::flags).toList());
        var modules = entries.stream().map(e -> new ProjectFile.Module(e.source(),
                e.directory().equals(directory) ? Optional.empty() : Optional.of(e.directory()),
                e.flags().subList(common.size(), e.flags().size()))).toList();
        return file.withBuildDirectory(buildDirectory).withFlags(common).withModules(modules);
    }

    /**
     * The longest run of whole flags every list begins with; an option is never parted from
     * its value ({@code -I dir}, {@code -include file}).
     */
    static List<String> commonBeginning(List<List<String>> lists) {
        if (lists.isEmpty()) {
            return List.of();
        }
        var first = lists.get(0);
        int end = 0;
        int i = 0;
        while (i < first.size()) {
            int next = FlagPolicy.takesArgument(first.get(i)) && i + 1 < first.size() ? i + 2 : i + 1;
            var unit = first.subList(i, next);
            int start = i;
            boolean shared = lists.stream().allMatch(l -> l.size() >= next && l.subList(start, next).equals(unit));
            if (!shared) {
                break;
            }
            end = next;
            i = next;
        }
        return List.copyOf(first.subList(0, end));
    }

    private String relative(Path path) {
        var rel = root.relativize(path).toString();
        return rel.isEmpty() ? "." : rel;
    }

    private static Map<String, Integer> count(List<String> values) {
        var counts = new LinkedHashMap<String, Integer>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }

    /** The most frequent key; the first of equals. */
    private static String mostCommon(Map<String, Integer> counts) {
        String best = null;
        int most = 0;
        for (var entry : counts.entrySet()) {
            if (entry.getValue() > most) {
                best = entry.getKey();
                most = entry.getValue();
            }
        }
        return best;
    }

}
