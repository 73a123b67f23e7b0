/**
 * Runs a C program under the hcr runtime in a process of its own, and talks to it.
 *
 * <p>The program runs in a child JVM, the <em>host</em>, never in the dev server's JVM. A C
 * program can crash, and a crash (a NULL dereference, a stack overflow, an abort) takes the
 * whole process with it: in a child, the dev server survives, reports where the program died and
 * starts it again on the next good build. There is one program per host process, because what
 * the mechanism relies on is process-wide: module sonames ({@code libsim.g7.so}) are unique
 * only within one program, the stub libraries and modules live in the one global symbol scope,
 * and libhcr keeps the loaded generation in process globals. The obvious way to put several
 * programs in one process, {@code dlmopen} into separate link-map namespaces, is closed: glibc
 * rejects {@code RTLD_GLOBAL} there, and hot reloading needs a global scope (see
 * ARCHITECTURE.md). The host is a JVM rather than a small C launcher so that the same JNA
 * binding ({@link hcr.loader.Libhcr}) serves every platform the JVM does, and so that its class
 * graph stays a handful of classes: {@link hcr.loader.HostMain} loads no JSON library, and is
 * started with flags that favour start-up time over peak speed (the program's code is native).
 *
 * <p>The host loads libhcr.so with {@code RTLD_GLOBAL} (stub libraries call
 * {@code hcr_trap_removed} through the global scope), registers an observer, calls
 * {@code hcrInit(buildDir, argc, argv)}, and runs the program's {@code main} on a thread with a
 * 64 MiB stack. When main returns, the host ends the process with the C library's
 * {@code exit(status)}, so atexit handlers run and stdio is flushed as after a C main. Its
 * stdout is made line-buffered, as on a terminal: a program that prints without
 * {@code fflush} is seen at once.
 *
 * <h2>Protocol</h2>
 *
 * <p>{@link hcr.loader.ProgramHost} makes a private folder (mode 0700) holding a Unix domain
 * socket {@code control.sock}, starts the host with {@code --build-dir D --control SOCK
 * [--name NAME] -- args} and accepts its connection. Both directions carry JSON lines:
 *
 * <ul>
 *   <li>server → host: {@code {"cmd":"reload"}} applies the newest generation now, from the
 *       control thread (or, once the program has called {@code hcr_reload_point()}, leaves it to
 *       the program's next reload point); {@code {"cmd":"stop"}} ends the process at once.</li>
 *   <li>host → server: every runtime event (module, static, generation, error) verbatim, plus
 *       {@code started}, {@code start-failed}, {@code reload-result} and {@code exited}.</li>
 *   <li>globals and statics, for the console: {@code {"cmd":"globals","id":N}} and
 *       {@code {"cmd":"write-global","id":N,"name":C,"hex":H}} are answered by a message with the
 *       same {@code id} ({@link hcr.loader.ProgramHost#readGlobals},
 *       {@link hcr.loader.ProgramHost#writeGlobal}, {@link hcr.loader.ProgramHost#writeStatic}).
 *       The host reads and writes the program's memory itself, through JNA, at the addresses the
 *       dynamic linker bound the program's code to (a static: where the runtime says the loaded
 *       code keeps it); see {@code HostGlobals} and docs/internals.md section 9.</li>
 * </ul>
 *
 * <p>The program's stdout and stderr are plain pipes read line by line on the server side. When
 * the socket closes, the host exits: a dev server that dies leaves no program behind. When the
 * host dies by a signal, the JVM's fatal error log ({@code <buildDir>/host/hs_err_pid*.log})
 * tells which signal and which function of which module; {@link hcr.loader.HostEvent.Crashed}
 * carries them.
 */
package hcr.loader;
