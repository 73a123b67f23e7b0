/**
 * {@code hcr init}: learning what the program is from the program's own build.
 *
 * <p>A C program is not a folder of {@code .c} files. Lua's source folder holds three
 * {@code main}s ({@code lua.c}, {@code luac.c}, and {@code onelua.c}, which includes every other
 * file), a game's holds one back-end per platform of which one is linked, and what a file means
 * depends on flags only the Makefile knows ({@code -DLUA_USE_LINUX}, {@code -lm -Wl,-E -ldl}).
 * Compiling every file with no flags, as hcr did, fails on the first real project. Asking the
 * user to describe the program again, in a format of ours, fails too: they have a build that
 * already says it, and they will not maintain a second one for a dev tool.
 *
 * <p>So hcr asks the build. {@code hcr init DIR -- make} runs the build once under Debian's
 * {@code bear intercept}, which records every program the build executes, at exec level: make,
 * ninja, CMake, shell scripts and libtool all end in {@code execve}, so one recorder serves them
 * all and nothing here parses a Makefile. Reading a compile database instead would not do: it
 * holds compiles only, and which of them make <em>the program</em> is decided by the link and
 * the archives, which it does not hold. From the recording ({@link hcr.project.init.BuildRecording})
 * we keep what the build itself ran (not what a compiler driver ran beneath it: cc1, as, ld),
 * and read it as a graph ({@link hcr.project.init.BuildGraph}): compiles by the object they
 * wrote, archives by their members, links by their output.
 *
 * <p>The program is one link ({@link hcr.project.init.ProgramChoice}); its closure
 * ({@link hcr.project.init.ClosureTracer}) is every object that link pulls in from the
 * project — named on the line, inside the project's own {@code ar} archives (by path or through
 * {@code -L}/{@code -l}), inside the project's own shared libraries (libtool's included, where
 * the PIC compile is the one that counts) — each traced to the source and the exact command that
 * compiled it. That is the one question the build answers and a folder cannot: which sources,
 * with which flags, make this program. Everything else on the link line (system libraries,
 * {@code -Wl,} options, archives that are not the project's) is what every module links with.
 * A source outside the closure is not a module, which is how {@code luac.c} and
 * {@code onelua.c} stay out of Lua without anyone excluding them.
 *
 * <p>The answer is written once, as {@code hcr.toml} ({@link hcr.project.init.ProjectFileLayout}),
 * and the build is not run again by hcr: a readable file the user can check, diff and edit is
 * the contract, not a recording. What reloading cannot keep ({@code -flto},
 * {@code -fvisibility=hidden}, {@code -Wl,--gc-sections}) is decided by
 * {@link hcr.project.FlagPolicy}, the same rule every other way into the model uses, and
 * written into hcr.toml with the reason. Errors name the command, the target or the file:
 * a build that fails (its own output has been shown as it ran), a {@code --target} the build
 * never links, an object on the link line that the build did not compile.
 */
package hcr.project.init;
