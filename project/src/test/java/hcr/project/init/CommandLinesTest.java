package hcr.project.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How recorded command lines are read: compiler drivers, ar, and which executables are which. */
class CommandLinesTest {
    private static Execution run(String executable, String... arguments) {
        return new Execution(Path.of(executable), List.of(arguments), Path.of("/p/src"));
    }

    @Test
    void driversArchiversAndTheRestAreToldByName() {
        for (var name : List.of("gcc", "cc", "clang", "gcc-12", "x86_64-linux-gnu-gcc-12", "clang-15", "c99", "c89",
                "arm-none-eabi-gcc")) {
            assertEquals(ToolKind.COMPILER_DRIVER, ToolKind.of(name), name);
        }
        for (var name : List.of("ar", "gcc-ar", "llvm-ar", "x86_64-linux-gnu-ar", "gcc-ar-12")) {
            assertEquals(ToolKind.ARCHIVER, ToolKind.of(name), name);
        }
        for (var name : List.of("cc1", "as", "collect2", "ld", "ranlib", "g++", "c++", "make", "ccache", "lto-wrapper",
                "libtool", "distcc")) {
            assertEquals(ToolKind.OTHER, ToolKind.of(name), name);
        }
    }

    @Test
    void aCompileWithItsOutput() {
        var command = DriverCommand.parse(run("/usr/bin/gcc", "gcc", "-std=gnu99", "-O2", "-I", "inc", "-c", "-o", "lapi.o",
                "lapi.c"));
        assertEquals(DriverCommand.Mode.COMPILE, command.mode());
        assertEquals(Optional.of("lapi.o"), command.output());
        assertEquals(List.of("lapi.c"), command.sources().stream().map(DriverCommand.FileWord::text).toList());
        assertFalse(command.files().stream().anyMatch(f -> f.text().equals("inc")), "-I's value is not a file");
    }

    @Test
    void aLinkWithArchivesLibrariesAndOptionValues() {
        var command = DriverCommand.parse(run("/usr/bin/gcc", "gcc", "-std=gnu99", "-o", "lua", "lua.o", "liblua.a",
                "-lm", "-Wl,-E", "-L", "lib", "-ldl", "/usr/lib/libz.so.1"));
        assertEquals(DriverCommand.Mode.LINK, command.mode());
        assertEquals(Optional.of("lua"), command.output());
        assertEquals(List.of(FileKind.OBJECT, FileKind.ARCHIVE, FileKind.SHARED_LIBRARY),
                command.files().stream().map(DriverCommand.FileWord::kind).toList());
        assertFalse(command.shared());
    }

    @Test
    void neitherCompileNorLink() {
        assertEquals(DriverCommand.Mode.OTHER, DriverCommand.parse(run("/usr/bin/gcc", "gcc", "--version")).mode());
        assertEquals(DriverCommand.Mode.OTHER, DriverCommand.parse(run("/usr/bin/gcc", "gcc", "-E", "a.c")).mode());
        assertEquals(DriverCommand.Mode.OTHER, DriverCommand.parse(run("/usr/bin/gcc", "gcc", "-MM", "a.c")).mode());
        assertEquals(DriverCommand.Mode.OTHER, DriverCommand.parse(run("/usr/bin/gcc", "gcc", "-print-file-name=libc.so")).mode());
        assertEquals(DriverCommand.Mode.COMPILE, DriverCommand.parse(run("/usr/bin/gcc", "gcc", "-MMD", "-MF", "a.d", "-c", "a.c")).mode());
    }

    @Test
    void eachSourceOfAMultiSourceCompileIsCompiledAlone() {
        var command = DriverCommand.parse(run("/usr/bin/cc", "cc", "-O1", "-c", "a.c", "b.c"));
        var b = command.sources().get(1);
        assertEquals(List.of("-O1", "-c", "b.c"), command.optionsFor(b));
        var link = DriverCommand.parse(run("/usr/bin/cc", "cc", "-O1", "-o", "app", "a.c", "b.o", "-L", "lib", "-lm", "-lz"));
        assertEquals(List.of("-O1", "-o", "app", "a.c"), link.optionsFor(link.sources().get(0)));
    }

    @Test
    void sharedAndRelocatableLinks() {
        assertTrue(DriverCommand.parse(run("/usr/bin/gcc", "gcc", "-shared", "-o", "libx.so", "x.o")).shared());
        assertTrue(DriverCommand.parse(run("/usr/bin/gcc", "gcc", "-r", "-o", "all.o", "x.o", "y.o")).relocatable());
    }

    @Test
    void arCommandsAddOrDeleteMembers() {
        assertEquals(Optional.of(new ArchiveCommand("libx.a", List.of("a.o", "b.o"), true)),
                ArchiveCommand.parse(run("/usr/bin/ar", "ar", "rcs", "libx.a", "a.o", "b.o")));
        assertEquals(Optional.of(new ArchiveCommand("libx.a", List.of("a.o"), true)),
                ArchiveCommand.parse(run("/usr/bin/ar", "ar", "-rcs", "libx.a", "a.o")));
        assertEquals(Optional.of(new ArchiveCommand(".libs/libfoo.a", List.of("foo.o"), true)),
                ArchiveCommand.parse(run("/usr/bin/ar", "ar", "cr", ".libs/libfoo.a", "foo.o")));
        assertEquals(Optional.of(new ArchiveCommand("libutil.a", List.of("u.o"), true)),
                ArchiveCommand.parse(run("/usr/bin/ar", "ar", "qc", "libutil.a", "u.o")));
        assertEquals(Optional.of(new ArchiveCommand("liblua.a", List.of("lapi.o"), true)),
                ArchiveCommand.parse(run("/usr/bin/ar", "ar", "rcu", "liblua.a", "lapi.o")));
        assertEquals(Optional.of(new ArchiveCommand("libx.a", List.of("b.o"), true)),
                ArchiveCommand.parse(run("/usr/bin/gcc-ar", "gcc-ar", "--plugin", "/usr/lib/lto.so", "rcs", "libx.a", "b.o")));
        assertEquals(Optional.of(new ArchiveCommand("libx.a", List.of("old.o"), false)),
                ArchiveCommand.parse(run("/usr/bin/ar", "ar", "d", "libx.a", "old.o")));
        assertEquals(Optional.empty(), ArchiveCommand.parse(run("/usr/bin/ar", "ar", "t", "libx.a")));
        assertEquals(Optional.empty(), ArchiveCommand.parse(run("/usr/bin/ar", "ar", "s", "libx.a")));
    }

    @Test
    void fileKinds() {
        assertEquals(FileKind.C_SOURCE, FileKind.of("src/a.c"));
        assertEquals(FileKind.OTHER_SOURCE, FileKind.of("start.S"));
        assertEquals(FileKind.OTHER_SOURCE, FileKind.of("x.cpp"));
        assertEquals(FileKind.OBJECT, FileKind.of("foo.lo"));
        assertEquals(FileKind.SHARED_LIBRARY, FileKind.of("libfoo.so.0.0.0"));
        assertEquals(FileKind.ARCHIVE, FileKind.of(".libs/libfoo.a"));
        assertEquals(FileKind.OTHER, FileKind.of("linker.ld"));
    }

    @Test
    void commandsAreQuotedForMessages() {
        assertEquals("make linux", CommandWords.line(List.of("make", "linux")));
        assertEquals("sh -c 'cmake --build build && echo it'\\''s done'",
                CommandWords.line(List.of("sh", "-c", "cmake --build build && echo it's done")));
    }
}
