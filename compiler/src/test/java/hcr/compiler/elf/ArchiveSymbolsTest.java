package hcr.compiler.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveSymbolsTest {
    @TempDir
    Path dir;

    private Path archive(String options) throws IOException {
        var gcc = new Gcc(dir);
        var first = gcc.object("first", """
                int first_call(void) { return 1; }
                __attribute__((weak)) int tunable = 2;
                static int hidden_state;
                int *state(void) { return &hidden_state; }
                """);
        // a member name longer than 15 characters goes to the GNU long-name table '//'
        var second = gcc.object("a_member_with_a_long_name", """
                extern int first_call(void);
                __attribute__((visibility("hidden"))) int internal_helper(void) { return first_call(); }
                int common_block[8];
                """);
        var a = dir.resolve("libsample.a");
        Files.deleteIfExists(a);
        Gcc.run(List.of("ar", options, a.toString(), first.toString(), second.toString()));
        return a;
    }

    @Test
    void theSymbolIndexNamesEveryDefinedGlobalWeakAndHiddenToo() throws IOException {
        var a = archive("rcs");

        var names = ArchiveSymbols.definedNames(a);

        assertEquals(Set.of("first_call", "tunable", "state", "internal_helper", "common_block"), names);
        assertTrue(Gcc.run(List.of("nm", "--print-armap", a.toString())).contains("tunable in first.o"));
    }

    @Test
    void anArchiveWithoutAnIndexIsReadMemberByMember() throws IOException {
        var a = archive("rcS");
        assertFalse(Gcc.run(List.of("nm", "--print-armap", a.toString())).contains("Archive index"), "no index");

        var names = ArchiveSymbols.definedNames(a);

        assertEquals(Set.of("first_call", "tunable", "state", "internal_helper", "common_block"), names);
    }

    @Test
    void libcNonsharedProvidesWhatLibcSo6DoesNotExport() throws IOException {
        var path = Gcc.run(List.of("gcc", "-print-file-name=libc_nonshared.a")).strip();

        var names = ArchiveSymbols.definedNames(Path.of(path));

        assertTrue(names.containsAll(Set.of("atexit", "at_quick_exit", "pthread_atfork")), names.toString());
    }

    @Test
    void aTruncatedArchiveIsReportedByName() throws IOException {
        var bytes = Files.readAllBytes(archive("rcS"));
        var truncated = Files.write(dir.resolve("truncated.a"), Arrays.copyOf(bytes, 100));

        var e = assertThrows(IOException.class, () -> ArchiveSymbols.definedNames(truncated));

        assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
    }

    @Test
    void aFileThatIsNoArchiveIsRefused() throws IOException {
        var text = Files.writeString(dir.resolve("libtext.a"), "GROUP ( libc.so.6 )\n");

        var e = assertThrows(IOException.class, () -> ArchiveSymbols.definedNames(text));

        assertTrue(e.getMessage().contains("not an ar archive"), e.getMessage());
    }
}
