package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatGccPrintsWithAndWithoutColour() {
        var project = new ProjectFiles(dir).write("bad.c", "int f(void) {\n  return y;\n}\nint g(void) { int unused; return 1 }\n");
        for (var colour : List.of("-fdiagnostics-color=never", "-fdiagnostics-color=always")) {
            var output = project.runAllowingFailure("gcc", colour, "-Wall", "-c", "bad.c", "-o", "/dev/null").output();

            var found = Diagnostics.parse(output, dir, dir.resolve("bad.c"));

            assertEquals(List.of("2:10 error", "2:10 note", "4:35 error", "4:19 warning", "3:1 warning"),
                    found.stream().map(d -> d.line() + ":" + d.column() + " " + d.severity()).toList(), output);
            found.forEach(d -> assertEquals(dir.resolve("bad.c"), d.file()));
            assertEquals(false, found.get(0).message().contains("\u001B"));
        }
    }

    @Test
    void readsLinesWithoutColumnAndLinkerMessages() {
        var text = """
                In file included from main.c:1:
                shape.h:3: error: something without a column
                /usr/bin/ld: /tmp/ccX.o: in function `main':
                main.c:5: undefined reference to `nowhere'
                util.c:(.text+0x1d): undefined reference to `elsewhere'
                /usr/bin/ld: cannot find -lnope: No such file or directory
                collect2: error: ld returned 1 exit status
                cc1: all warnings being treated as errors
                cc1: fatal error: gone.c: No such file or directory
                compilation terminated.
                """;

        var found = Diagnostics.parse(text, dir, dir.resolve("main.c"));

        assertEquals(List.of(
                new Diagnostic(dir.resolve("shape.h"), 3, 0, "error", "something without a column"),
                new Diagnostic(dir.resolve("main.c"), 5, 0, "error", "undefined reference to `nowhere'"),
                new Diagnostic(dir.resolve("util.c"), 0, 0, "error", "undefined reference to `elsewhere'"),
                new Diagnostic(dir.resolve("main.c"), 0, 0, "error", "/usr/bin/ld: cannot find -lnope: No such file or directory"),
                new Diagnostic(dir.resolve("main.c"), 0, 0, "fatal error", "cc1: gone.c: No such file or directory")), found);
    }

    @Test
    void printsLikeGcc() {
        assertEquals("/p/a.c:3:7: error: boom", new Diagnostic(Path.of("/p/a.c"), 3, 7, "error", "boom").toString());
        assertEquals("/p/a.c: error: ld: x", new Diagnostic(Path.of("/p/a.c"), 0, 0, "error", "ld: x").toString());
    }
}
