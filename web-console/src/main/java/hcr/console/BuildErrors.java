package hcr.console;

import hcr.compiler.BuildReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Turns a failed build into the errors panel: diagnostics grouped by file, paths relative to the project. */
final class BuildErrors {
    /** Diagnostics shown at most; a build with more shows the first ones and says how many there were. */
    static final int MAX_DIAGNOSTICS = 300;

    private final Path projectDir;

    BuildErrors(Path projectDir) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
    }

    ErrorsView of(BuildReport.Failed failed, long nowMillis) {
        var byFile = new LinkedHashMap<Path, List<ErrorsView.Message>>();
        for (var d : failed.diagnostics().subList(0, Math.min(MAX_DIAGNOSTICS, failed.diagnostics().size()))) {
            byFile.computeIfAbsent(d.file().toAbsolutePath().normalize(), f -> new ArrayList<>())
                    .add(new ErrorsView.Message(d.line(), d.column(), d.severity(), d.message()));
        }
        var files = new ArrayList<ErrorsView.FileErrors>();
        byFile.forEach((file, messages) -> {
            boolean inside = file.startsWith(projectDir);
            files.add(new ErrorsView.FileErrors(inside ? relative(file) : file.toString(), inside, messages));
        });
        var output = failed.diagnostics().isEmpty() ? ConsoleLimits.cut(failed.output(), ConsoleLimits.TOOL_OUTPUT_CHARS) : "";
        var problems = new java.util.ArrayList<>(failed.problems());
        if (failed.diagnostics().size() > MAX_DIAGNOSTICS) {
            problems.add("the compiler reported " + failed.diagnostics().size() + " diagnostics; the first "
                    + MAX_DIAGNOSTICS + " are shown");
        }
        return new ErrorsView(true, nowMillis, files, problems, output);
    }

    /** Ids of the modules whose own source has an error. */
    Set<String> modulesWithErrors(BuildReport.Failed failed) {
        var ids = new TreeSet<String>();
        for (var d : failed.diagnostics()) {
            var file = d.file().toAbsolutePath().normalize();
            if (d.isError() && file.startsWith(projectDir)) {
                moduleId(file).ifPresent(ids::add);
            }
        }
        return ids;
    }

    /** The module a source file is, if it is a {@code .c} file inside the project. */
    Optional<String> moduleId(Path file) {
        var absolute = file.toAbsolutePath().normalize();
        var name = absolute.getFileName() == null ? "" : absolute.getFileName().toString();
        if (!absolute.startsWith(projectDir) || !name.endsWith(".c")) {
            return Optional.empty();
        }
        var relative = relative(absolute);
        return Optional.of(relative.substring(0, relative.length() - 2));
    }

    private String relative(Path file) {
        return projectDir.relativize(file).toString().replace('\\', '/');
    }
}
