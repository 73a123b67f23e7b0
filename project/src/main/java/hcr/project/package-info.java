/**
 * The project model: what the program is, as hcr must know it before it can build anything.
 *
 * <p>hcr began with a folder in which every {@code .c} file was one program, compiled with
 * hcr's own flags and linked with nothing. Real C programs are not like that: their build
 * decides which files make the program (Lua's tree holds two {@code main}s and an amalgamation
 * that redefines everything), how each is compiled ({@code -O2 -DLUA_USE_LINUX}, include paths,
 * hardening), what it links with ({@code -lm -ldl}, pkg-config's libraries) and which symbols
 * it hides. The programmer already wrote all of that down once, in a Makefile, a
 * CMakeLists.txt or a meson.build, and will not write it again for a dev tool. So hcr learns
 * it: {@code hcr init} runs the build once under Debian's {@code bear} and keeps what the
 * compilers, archivers and linkers were really asked to do ({@link hcr.project.init}).
 *
 * <p>What it learns is written to hcr.toml ({@link hcr.project.ProjectFile},
 * {@link hcr.project.HcrToml}): the one readable, diffable description every command builds
 * from. It can also be written by hand, or replaced by a compile database
 * ({@link hcr.project.CompileDatabase}); a bare folder is the degenerate case. Reading it
 * ({@link hcr.project.ModelResolver}, through {@link hcr.project.ProgramModels}) gives a
 * {@link hcr.project.ProgramModel}: every module with its directory and exact flags, the link
 * inputs, how to run the program. The model is read again on every build, so an edited hcr.toml
 * reaches a running dev server; a broken one is reported at its line and key, and the build
 * engine goes on running the last good program.
 *
 * <p>Not every flag of a normal build survives reloading, where each module becomes a shared
 * library of its own whose globals bind through the dynamic linker. {@link hcr.project.FlagPolicy}
 * decides, in one place, what is dropped (link-time optimisation, hidden visibility, static
 * links, whole-program section garbage collection) and says why, so hcr.toml can tell the user.
 * Turning the model into compile and link commands, and everything about reloading itself,
 * belongs to the compiler; this package only says what the program is.
 */
package hcr.project;
