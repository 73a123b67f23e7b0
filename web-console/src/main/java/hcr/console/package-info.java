/**
 * The browser console of {@code hcr dev}: the same session the terminal narrates, as a page
 * that stays current — the program's state, every module's state, the reload history with
 * edit-to-effect split into its phases, compiler errors with their source lines, the program's
 * output, and its globals, which can be edited in the running program.
 *
 * <h2>Why a model fed by the dev session, and snapshots plus events</h2>
 *
 * <p>The dev session already sees everything: change sets from the watcher, per-module
 * compiles and the {@code BuildReport} from the builder, every {@code HostEvent} from the
 * program's host. {@link hcr.console.ConsoleState} is fed exactly those objects, as they
 * happen, on whatever thread they happen on, and folds them into one bounded state. A browser
 * first gets the whole state as one {@link hcr.console.Snapshot} and then every change as an
 * event, over one WebSocket; registration and the snapshot happen under the same lock, so a
 * page never misses an event or sees one twice. A page that falls behind or reconnects simply
 * starts again from a fresh snapshot, which is also what {@code GET /api/state} returns. The
 * alternative — pages polling for state — would either lag or hammer the dev server, and
 * output at 10 000 lines a second cannot be polled.
 *
 * <h2>Why the dev session can never be slowed down by a browser</h2>
 *
 * <p>The threads that feed the model are the dev session's own: the build thread, the host's
 * event thread. So feeding must never wait on a browser. Each event is turned into JSON once
 * (and only when someone listens) and offered to each client's bounded queue; each client has
 * its own sending thread ({@link hcr.console.PushClient}) that gathers events for a few
 * milliseconds into one frame and keeps one frame in flight. A browser that falls behind a
 * flood of output has output lines skipped, and is told how many, so the page shows a marker
 * where they were; state events are never skipped, and a client that cannot take even those,
 * or whose frame is not taken in time, is disconnected with close code 1013 and reconnects for
 * a fresh snapshot. The page, for its part, keeps its 10 000 lines in memory and puts only the
 * rows in sight into the DOM. Memory is bounded everywhere: 10 000 output lines (the count of dropped lines
 * is kept and shown), a bounded history, log and chart, bounded queues, a capped number of
 * clients, and lines cut at 4096 characters.
 *
 * <h2>Why the token, the Origin and the Host checks</h2>
 *
 * <p>The console can rebuild, restart and write into the memory of the user's program, and
 * it listens on a TCP port that every local process — and every web page the user opens — can
 * reach. Three checks close the doors ({@link hcr.console.RequestGuard}): a 256-bit random token
 * ({@link hcr.console.SessionToken}, compared in constant time) that only the terminal's
 * printed address carries, required by every API call and the push channel; the {@code Origin}
 * header, which browsers add to every cross-site request and WebSocket handshake, must be the
 * console's own, so a malicious page can neither act nor listen even if it guessed a token;
 * and the {@code Host} header must name the bound address ({@code 127.0.0.1:<port>},
 * {@code localhost:<port>}), which defeats DNS rebinding (a page whose host name suddenly
 * resolves to 127.0.0.1 still sends its own name). The console binds 127.0.0.1 unless told
 * otherwise, with a warning. Source text for the errors panel is served only from inside the
 * project, checked after symbolic links are resolved ({@link hcr.console.SourceFiles}). The
 * page itself sends a strict Content-Security-Policy and strips the token from the address bar.
 *
 * <h2>Why a page without a build step</h2>
 *
 * <p>The page is a handful of plain HTML, CSS and JavaScript files in the jar
 * ({@code hcr/console/page}), served as they are: no framework, no bundler, no CDN, nothing
 * fetched from outside (the Content-Security-Policy would forbid it). hcr is a tool that must
 * work offline and be readable; the page renders ANSI colours, draws its chart as inline SVG,
 * keeps its own output view bounded, and redraws at most once per animation frame. Its elements carry stable ids and data attributes, which
 * the browser tests use.
 *
 * <h2>How the dev session uses it</h2>
 *
 * <pre>{@code
 * var console = new ConsoleState(config);
 * var builder = new Builder(config, console.listener(terminal));
 * try (var server = ConsoleServer.start(ConsoleOptions.loopback(port), console, actions)) {
 *     terminal.err(server.announcement());            // hcr console: http://127.0.0.1:7878/?token=...
 *     // watcher:      console.changesSeen(changes.all(), changes.firstEventNanos(), changes.deliveredNanos())
 *     // build thread: console.buildStarted(); report = builder.build(); console.buildFinished(report)
 *     // start:        console.programStarting(); ProgramHost.start(options, event -> { console.hostEvent(event); ... })
 * }
 * }</pre>
 *
 * {@link hcr.console.ConsoleActions} is what the page's buttons do; the dev session implements it.
 */
package hcr.console;
