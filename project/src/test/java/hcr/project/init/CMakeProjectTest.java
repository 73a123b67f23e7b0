package hcr.project.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hcr.project.ModuleSource;
import hcr.project.ProjectFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CMake project configured and built with Ninja under the recorder: CMake's own compiler
 * probes (their {@code a.out} and {@code cmTC_*} programs) are not programs of the build, the
 * archive CMake makes with {@code ar qc} is the project's, and the compiles run in the build
 * folder with absolute sources.
 */
class CMakeProjectTest {
    @TempDir
    Path dir;

    @Test
    void theTargetsClosureFromACMakeBuild() throws Exception {
        TestProject.requireTools("cmake", "ninja", "gcc", "sh");
        var project = new TestProject(dir)
                .file("CMakeLists.txt", """
                        cmake_minimum_required(VERSION 3.13)
                        project(demo C)
                        add_library(util STATIC src/util.c)
                        target_include_directories(util PUBLIC include)
                        target_compile_definitions(util PRIVATE UTIL_INTERNAL=1)
                        add_executable(app src/main.c)
                        target_link_libraries(app PRIVATE util m)
                        add_executable(tool src/tool.c)
                        target_link_libraries(tool PRIVATE util)
                        """)
                .file("include/util.h", "int util(void);\n")
                .file("src/util.c", "#include \"util.h\"\nint util(void) { return UTIL_INTERNAL; }\n")
                .file("src/main.c", "#include \"util.h\"\nint main(void) { return util() - 1; }\n")
                .file("src/tool.c", "#include \"util.h\"\nint main(void) { return util(); }\n");
        var command = new String[] {"sh", "-c", "cmake -S . -B build -G Ninja && cmake --build build"};
        var run = project.init(null, command);
        assertEquals("the build links 2 programs: app, tool; choose one with --target NAME", run.failure());

        project.shell("rm -rf build");
        var file = project.init("app", command).ok().project();
        var include = "-I" + dir.toRealPath().resolve("include");
        assertEquals(Optional.of("build"), file.buildDirectory());
        assertEquals(List.of(new ProjectFile.Module("src/main.c", Optional.empty(), List.of(include)),
                new ProjectFile.Module("src/util.c", Optional.empty(), List.of("-DUTIL_INTERNAL=1", include))),
                file.modules());
        assertEquals(List.of("-lm"), file.link());
        var model = RecordedCompiles.assertRoundTrip(dir);
        var build = dir.resolve("build");
        assertEquals(List.of(new ModuleSource(dir.resolve("src/main.c"), build, List.of(include)),
                new ModuleSource(dir.resolve("src/util.c"), build, List.of("-DUTIL_INTERNAL=1", include))),
                model.modules());
    }
}
