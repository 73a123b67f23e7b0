/**
 * {@code hcr bench}: the figures hcr promises, measured on real builds, real file events and
 * real running programs, never by timed tests. Every figure is a median (and a p90, nearest
 * rank) of repetitions made in one run, and every ratio is taken between figures of that same
 * run, so that a busy machine slows both sides alike; each run prints the processor count and
 * the load average before and after, because on a loaded machine the figures are provisional.
 *
 * <h2>Edit-to-effect ({@code hcr bench <dir>})</h2>
 * The project is copied into a temporary folder (the user's files are never edited) and run
 * through the same pipeline as {@code hcr dev} ({@link hcr.cli.bench.DevPipeline} observes
 * {@code hcr dev}'s own {@link hcr.cli.DevLoop}). One module is then edited again and again, one edit
 * at a time: edit {@code n} rewrites a line ({@code --edit 's/REGEX/TEXT/'}, default: the demo's
 * {@code #define STEP} line becomes {@code #define STEP n}) with a plain write (truncate and
 * write in place, as {@code echo >}, nano, or vim with {@code backupcopy=yes} save), and the edit
 * has taken effect when the program prints the first line that only the new code prints
 * ({@code --expect}, default {@code step \+n }). The clock runs from {@code System.nanoTime()}
 * just before the write to the moment the dev server reads that line. The demo ticks every 1 ms
 * ({@code -- 1}), so waiting for the next tick adds at most 1 ms.
 *
 * <p>Each edit is split into phases that add up to its total: <b>watch</b> (write → change set
 * delivered, from {@code ChangeSet.firstEventNanos}/{@code deliveredNanos}: the kernel's event
 * and the quiet period), <b>build</b> (change set → generation published, with the build's own
 * scan/compile/link/publish from {@code BuildTimings}), <b>apply</b> (the runtime's
 * {@code generation} event, {@code us.total} and its copy/load/bind/statics/handlers), and
 * <b>rest</b> (the reload request and answer, the next tick, the output pipe).
 *
 * <p>A project described by hcr.toml or a compile database (Lua after {@code hcr init}) is held
 * to its own compiler instead of the demo's 100 ms: once per edit, alternating with the edits
 * while the program runs, the edited file is compiled bare with its recorded compiler and flags
 * in its recorded directory ({@link hcr.cli.bench.RecordedCompile}: {@code gcc <flags> -c file
 * -o x.o}, no {@code -fPIC}, no {@code -g}, no link), and the goal is a median edit-to-effect of
 * at most 1.2 times the bare compile's median plus 10 ms. The program runs as {@code hcr dev}
 * runs it (hcr.toml's name, arguments, directory, environment).
 *
 * <h2>Init ({@code hcr bench --init <dir> [--target NAME] [--clean CMD] -- <build command>})</h2>
 * The tree is copied once and cleaned by {@code --clean} (e.g. {@code make clean}); every round
 * then runs, each on a fresh copy of it, the build command alone, the same under
 * {@code bear intercept} alone, and {@code hcr init} in process ({@code ProjectInit}, as
 * {@code hcr init} runs it), the plain build and init alternating which goes first; then the
 * first {@code hcr dev} build of the whole program ({@code Builder.build()} into an empty
 * {@code .hcr}) on the copy init just learnt. Goal: init at most 1.3 times the plain build
 * (medians); the first build is shown against the plain build, without a goal. 5 rounds after 1
 * uncounted by default ({@code --reps}, {@code --warmup}).
 *
 * <h2>Nim ({@code --nim}; by default when {@code nim} is on PATH and the edit is the demo's)</h2>
 * The demo's twin in Nim (resources {@code nim/main.nim}, {@code nim/sim.nim}) is built as
 * Nim's {@code doc/hcr.md} says: {@code libnimhcr.so} and {@code libnimrtl.so} beside the
 * program, {@code nim c --hotcodereloading:on}, the loop in the main module calling
 * {@code performCodeReload()}. After each edit of {@code sim.nim} the bench runs that build and
 * then presses the reload key (a line on the program's stdin; the documentation's example
 * reloads on F9). The key is needed: a loop that polls {@code hasAnyModuleChanged()} every tick
 * loads the module's library while {@code nim c} is still writing it and dies in
 * {@code nimhcr.nim(432, 12) `lib != nil` [AssertionDefect]}. Nim's figure has no watcher in it.
 *
 * <h2>Core figures ({@code hcr bench --core <demo>})</h2>
 * a) {@code Builder.build()} after a one-module edit against {@code cc -c -fPIC -g -O0} plus
 * {@code cc -shared} of the same file, interleaved, on the demo and on a generated 200-module
 * program ({@link hcr.cli.bench.GeneratedProgram}); b) the runtime's reload of one changed
 * module in a 10- and a 200-module program running side by side through ProgramHost, reloads
 * alternating; c) 100M calls of a tiny {@code noinline} function through its stub against the
 * same body as a {@code static} function ({@link hcr.cli.bench.StubCallProgram}, built by the
 * Builder, run through ProgramHost, which also checks that the global's address is in a stub
 * library); d) the no-op build of the 200-module program with a fresh and a warm Builder;
 * e) the runtime's reload of a module of 500 {@code static} functions whose pointers the program
 * saved ({@link hcr.cli.bench.ForwardingProgram}), in two copies running side by side, one with
 * {@code HCR_FORWARD=off}, both started afresh for each repetition and reloaded twice,
 * alternating: for the first and the second reload in a process, {@code us.total} of both, their
 * difference and {@code us.forward} (the old entries forwarded are counted: 500 per older
 * version at least, and none with forwarding off, or the figure fails); f) 100M calls a round through pointers saved
 * before a reload (forwarded to the new code), pointers to the new version and statics of a
 * module never reloaded, interleaved in short slices over eight functions of each
 * ({@link hcr.cli.bench.ForwardCallProgram}, which checks that the old pointers run the new
 * code). At least 15 repetitions each, after 3 uncounted ones where a build is involved.
 */
package hcr.cli.bench;
