/**
 * {@code hcr smoke}: reload scenarios written by hand, run the way {@code hcr dev} runs a
 * project, with a verdict a CI system can read.
 *
 * <p>Why it exists. Every part of hcr has its own tests, and the loader's scenario tests drive
 * the runtime directly (build, then {@code requestReload()}). What a C programmer meets is
 * neither: it is a file saved in an editor, seen by the watcher, rebuilt, and swapped into a
 * program running in the host process. A reload bug that only shows on that path (an edit that
 * arrives as two change sets, a build that publishes nothing, a restart after a crash that
 * never comes) passes every unit test. So a smoke scenario edits files on disk and watches the
 * program's output and hcr's events, and nothing else: {@link hcr.cli.smoke.SmokePipeline} runs
 * {@code hcr dev}'s own {@link hcr.cli.DevLoop}, with its output captured instead of shown.
 *
 * <p>Why a text format. The people who write scenarios are C programmers reproducing what they
 * did by hand: start, change a line, look for a line, save again. One step a line, {@code #}
 * comments, regexes in slashes, no build tool or Java needed ({@code docs/smoke.md}). The same
 * files are the release checklist of {@code shared/design/SCENARIOS.md}: one per scenario, under
 * {@code test-fixtures/scenarios}, run by {@code SmokeIT} in the project's test command.
 *
 * <p>How a run reads what happens. Everything the pipeline observes (program lines, builds,
 * starts, reloads, ends) goes into one ordered {@link hcr.cli.smoke.Timeline}; expectations wait
 * on it from a cursor, accept the first entry that answers them, and fail at once on one that
 * makes the answer impossible (a failed build while a reload is awaited, a crash while a line
 * is), so a failure names what actually happened rather than timing out. A failure says which
 * step (file, line, repeat iteration), what was expected, what came, and the program's last
 * lines; the results are also written as JUnit XML, and the exit status is 1.
 *
 * <p>Classes: {@link hcr.cli.smoke.SmokeCommand} (the command), {@link hcr.cli.smoke.ScenarioParser}
 * and {@link hcr.cli.smoke.Words} (the format), {@link hcr.cli.smoke.Step} (its vocabulary),
 * {@link hcr.cli.smoke.ScenarioRun} (one run), {@link hcr.cli.smoke.Expectations} (the waits),
 * {@link hcr.cli.smoke.Where} (conditions on captured numbers), {@link hcr.cli.smoke.ProjectCopy}
 * (the edits), {@link hcr.cli.smoke.ResourceSample} (file descriptors and memory from /proc),
 * {@link hcr.cli.smoke.JUnitReport}.
 */
package hcr.cli.smoke;
