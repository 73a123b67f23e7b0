/**
 * The {@code hcr} command: where the parts meet.
 *
 * <p>Every other part does one thing: the watcher turns file events into change sets, the
 * compiler turns a project into published generations, the loader runs a program in a host
 * process and applies generations to it. This package wires them into what a C programmer
 * types: {@code hcr dev} (watch, rebuild, reload, forever), {@code hcr build} (once, or
 * {@code --release} into a plain executable), {@code hcr run} (build and run once).
 *
 * <p>The dev loop is deliberately single-file in spirit: one {@link hcr.cli.DevLoop}
 * owns the builder, the watcher and the current program host, and every command that runs a
 * project live ({@code dev}, {@code smoke}, {@code bench}, the browser console's actions) goes
 * through it, observing it in its own way. Change sets arrive on the
 * watcher's thread and are handed to one build thread, so builds never overlap and a burst
 * of saves that arrives during a build becomes one more build, not many. A published
 * generation is sent to the running program; a program that crashed or exited is started
 * again on the next good build. Nothing the program does can end the dev server: the
 * program lives in another process.
 *
 * <p>Output follows ninja: hcr's own lines go to stderr, one line per event, terse and
 * true ({@code [2/3] CC sim.c}, {@code hcr: reloaded sim (gen 4) in 38 ms}); the
 * program's stdout stays the program's.
 */
package hcr.cli;
