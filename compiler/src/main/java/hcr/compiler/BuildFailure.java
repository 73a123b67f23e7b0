package hcr.compiler;

/** Ends a build early with the report to return; nothing has been published. */
final class BuildFailure extends Exception {
    private final transient BuildReport.Failed report;

    BuildFailure(BuildReport.Failed report) {
        super(report.summary(), null, false, false);
        this.report = report;
    }

    BuildFailure(String problem) {
        this(BuildReport.Failed.problem(problem));
    }

    BuildReport.Failed report() {
        return report;
    }
}
