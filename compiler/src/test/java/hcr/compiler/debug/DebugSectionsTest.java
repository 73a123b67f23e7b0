package hcr.compiler.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.elf.Gcc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects compiled by the real gcc as modules are ({@code -fPIC -g}): an edit that moves no
 * function leaves their debug info the same bytes, and its layouts are taken without readelf;
 * a renamed field (same length, so only .debug_str differs), a function that grew, or a line
 * added above are read again.
 */
class DebugSectionsTest {

    private static final String SOURCE = """
            struct point { int x; int y; };
            struct point origin;
            static int calls;

            int step(int n)
            {
            	calls++;
            	return n + 1;
            }
            """;

    @TempDir
    Path temp;
    private int versions;

    @Test
    void onlyAnEditThatMovesNothingKeepsTheDebugInfoTheSame() throws IOException {
        for (var flags : List.of(List.of("-O0"), List.of("-O2", "-fdata-sections"))) {
            var base = compile(SOURCE, flags);
            assertTrue(DebugSections.same(base, compile(SOURCE.replace("n + 1", "n + 2"), flags)), "a constant: " + flags);
            assertFalse(DebugSections.same(base, compile(SOURCE.replace("int y;", "int z;"), flags)),
                    "a field renamed, same length: " + flags);
            assertFalse(DebugSections.same(base, compile(SOURCE.replace("return n + 1;", "return n * n + 1;"), flags)),
                    "a function that grew: " + flags);
            assertFalse(DebugSections.same(base, compile("\n" + SOURCE, flags)), "a line above: " + flags);
        }
        assertFalse(DebugSections.same(compile(SOURCE, List.of("-O0")), Files.writeString(temp.resolve("not.o"), "x")),
                "not an object");
    }

    @Test
    void layoutsOfAnObjectWithTheSameDebugInfoAreTakenWithoutReadelf() throws IOException {
        var log = temp.resolve("readelf.log");
        var readelf = temp.resolve("readelf");
        Files.writeString(readelf, "#!/bin/sh\necho \"$@\" >> '" + log + "'\nexec readelf \"$@\"\n");
        Files.setPosixFilePermissions(readelf, PosixFilePermissions.fromString("rwxr-xr-x"));
        var layouts = new DebugLayouts(readelf.toString());
        var before = compile(SOURCE, List.of("-O0"));
        var known = layouts.of(before);

        assertSame(known, layouts.of(compile(SOURCE.replace("n + 1", "n + 2"), List.of("-O0")), before));
        assertEquals(1, Files.readAllLines(log).size(), "readelf ran for the first object only");
        var renamed = layouts.of(compile(SOURCE.replace("int y;", "int z;"), List.of("-O0")), before);
        assertEquals(2, Files.readAllLines(log).size(), "a different debug info is read");
        assertNotEquals(known.types().get("struct point"), renamed.types().get("struct point"), "field y is z now");
    }

    /** Every version from the same source path, as a module's versions are compiled. */
    private Path compile(String source, List<String> flags) throws IOException {
        var c = Files.createDirectories(temp.resolve("src")).resolve("m.c");
        Files.writeString(c, source);
        var object = Files.createDirectories(temp.resolve("v" + ++versions)).resolve("m.o");
        var command = new ArrayList<>(List.of("gcc", "-std=gnu11", "-c", "-fPIC", "-g"));
        command.addAll(flags);
        command.addAll(List.of("-o", object.toString(), c.toString()));
        Gcc.run(command);
        return object;
    }
}
