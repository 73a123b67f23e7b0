package hcr.compiler.elf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemSymbolsTest {
    @TempDir
    Path dir;

    @Test
    void theHostProvidesTheCLibraryTheMathLibraryTheLoaderAndTheRuntimeApi() throws IOException {
        var host = SystemSymbols.host("gcc");

        for (var name : List.of("printf", "malloc", "error", "index", "send", "log", "sin", "pthread_create",
                "dlopen", "__stack_chk_fail", "__cxa_finalize", "_dl_find_object",
                "hcr_reload_point", "hcrReloadNeeded", "hcrHasModuleChanged", "hcrGeneration",
                "hcrLastError", "hcr_trap_removed")) {
            assertTrue(host.defines(name), name);
        }
        assertTrue(host.defines("step"), "glibc still exports the old <regexp.h> step()");
        assertFalse(host.defines("physics_step"));
        assertFalse(host.defines("hcr.physics_step"));
        assertFalse(host.defines("hcrNoSuchCall"));
    }

    @Test
    void whatTheDriverLinksStaticallyIsProvidedToo() throws IOException {
        var host = SystemSymbols.host("gcc");

        for (var name : List.of("atexit", "at_quick_exit", "pthread_atfork", "__cpu_model", "__cpu_indicator_init")) {
            assertTrue(host.defines(name), name + ": from libc_nonshared.a or libgcc.a");
        }
    }

    @Test
    void theCLibrarysLinkScriptIsFollowedWhereverItLeads() throws IOException {
        var gcc = new Gcc(dir);
        gcc.sharedLibrary("libfakec.so", gcc.object("fakec", "int fakec_call(void) { return 1; }\n"));
        Gcc.run(List.of("ar", "rcs", dir.resolve("libextra.a").toString(),
                gcc.object("extra", "int extra_call(void) { return 2; }\n").toString()));
        Gcc.run(List.of("ar", "rcs", dir.resolve("libfakegcc.a").toString(),
                gcc.object("fakegcc", "int fakegcc_call(void) { return 3; }\n").toString()));
        Files.writeString(dir.resolve("libc.so"), "/* a GNU ld script */\nGROUP ( libfakec.so AS_NEEDED ( -lextra ) )\n");
        var cc = Files.writeString(dir.resolve("fake-cc"), """
                #!/bin/sh
                case "$1" in
                -print-file-name=libc.so) echo %1$s/libc.so ;;
                -print-libgcc-file-name) echo %1$s/libfakegcc.a ;;
                -print-file-name=*) echo "${1#-print-file-name=}" ;;
                esac
                """.formatted(dir));
        cc.toFile().setExecutable(true);

        var host = SystemSymbols.host(cc.toString());

        for (var name : List.of("fakec_call", "extra_call", "fakegcc_call", "hcr_reload_point")) {
            assertTrue(host.defines(name), name);
        }
        assertFalse(host.defines("printf"), "this compiler knows no libc.so.6");
    }

    @Test
    void aLibraryContributesOnlyWhatItDefinesInItsDynamicSymbolTable() throws IOException {
        var gcc = new Gcc(dir);
        var so = gcc.sharedLibrary("libx.so",
                gcc.object("x", "extern int elsewhere; static int hidden; int exported(void) { return elsewhere + hidden; }\n"));

        var symbols = SystemSymbols.of(List.of(so));

        assertTrue(symbols.defines("exported"));
        assertFalse(symbols.defines("elsewhere"), "undefined in the library");
        assertFalse(symbols.defines("hidden"), "not in .dynsym");
    }

    @Test
    void projectLibrariesCanBeAddedToTheHost() throws IOException {
        var gcc = new Gcc(dir);
        var so = gcc.sharedLibrary("libextra.so", gcc.object("extra", "int extra_call(void) { return 1; }\n"));

        var symbols = SystemSymbols.host("gcc").and(SystemSymbols.of(List.of(so)));

        assertTrue(symbols.defines("extra_call"));
        assertTrue(symbols.defines("printf"));
    }

    @Test
    void aLibraryThatIsNotElfIsReportedByName() throws IOException {
        var bogus = Files.writeString(dir.resolve("libbogus.so"), "no");

        var e = assertThrows(IOException.class, () -> SystemSymbols.of(List.of(bogus)));

        assertTrue(e.getMessage().contains(bogus.toString()), e.getMessage());
    }

    @Test
    void aCompilerThatCannotRunIsReported() {
        var e = assertThrows(IOException.class, () -> SystemSymbols.host(dir.resolve("no-such-gcc").toString()));

        assertTrue(e.getMessage().contains("no-such-gcc"), e.getMessage());
    }

    @Test
    void theProjectsOwnLinkInputsProvideWhatTheyDefine() throws Exception {
        var source = Files.writeString(dir.resolve("quux.c"), "int quux_answer(void) { return 42; }\n");
        var object = dir.resolve("quux.o");
        var archive = dir.resolve("libquux.a");
        run("gcc", "-c", "-fPIC", source.toString(), "-o", object.toString());
        run("ar", "rcs", archive.toString(), object.toString());

        var byPath = SystemSymbols.linkInputs("gcc", List.of("libquux.a"), dir);
        var byFlag = SystemSymbols.linkInputs("gcc", List.of("-L" + dir, "-fsanitize=address"), dir);

        assertTrue(byPath.defines("quux_answer"), "a static library named by its path, relative to the project");
        assertFalse(SystemSymbols.host("gcc").defines("quux_answer"));
        assertTrue(byFlag.defines("__asan_init"), "-fsanitize=address brings the sanitizer's runtime");
        assertFalse(byFlag.defines("quux_answer"), "-L alone provides nothing");
    }

    private static void run(String... command) throws Exception {
        var process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed");
        }
    }
}
