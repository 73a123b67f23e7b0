package hcr.compiler;

import java.nio.file.Path;

/** The outcome of a {@link ReleaseBuild}: an executable, or a {@link BuildReport.Failed}. */
public sealed interface ReleaseResult permits ReleaseResult.Executable, BuildReport.Failed {

    /** The optimised program, built without hcr. */
    record Executable(Path path) implements ReleaseResult {
    }
}
