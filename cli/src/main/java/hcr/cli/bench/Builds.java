package hcr.cli.bench;

import hcr.compiler.BuildReport;
import hcr.compiler.Generation;
import hcr.compiler.ModuleState;
import java.nio.file.Path;

/** Checks on build outcomes that a figure relies on. */
final class Builds {

    private Builds() {
    }

    static Generation published(BuildReport report, String what) throws BenchFailure {
        if (report instanceof BuildReport.Published published) {
            return published.generation();
        }
        throw new BenchFailure(what + ": expected a published generation, got "
                + (report instanceof BuildReport.Failed failed ? "a failure:\n" + failed.summary() : report));
    }

    /** The generation of a one-module edit: exactly {@code source}'s module is new or changed. */
    static Generation oneChanged(BuildReport report, Path source, String what) throws BenchFailure {
        var generation = published(report, what);
        var changed = generation.modules().stream().filter(m -> m.state() != ModuleState.KEPT).toList();
        if (changed.size() != 1 || !changed.get(0).source().equals(source)) {
            throw new BenchFailure(what + ": expected only " + source.getFileName() + " to change, got " + changed);
        }
        return generation;
    }

    static void upToDate(BuildReport report, String what) throws BenchFailure {
        if (!(report instanceof BuildReport.UpToDate)) {
            throw new BenchFailure(what + ": expected nothing to build, got " + report);
        }
    }
}
