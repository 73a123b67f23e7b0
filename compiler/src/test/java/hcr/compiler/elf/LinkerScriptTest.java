package hcr.compiler.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkerScriptTest {
    @Test
    void glibcsLibcSoNamesTheSharedLibraryTheNonsharedArchiveAndTheLoader() {
        var text = """
                /* GNU ld script
                   Use the shared library, but some functions are only in
                   the static library, so try that secondarily.  */
                OUTPUT_FORMAT(elf64-x86-64)
                GROUP ( /lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libc_nonshared.a  AS_NEEDED ( /lib64/ld-linux-x86-64.so.2 ) )
                """;

        assertEquals(List.of("/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libc_nonshared.a",
                "/lib64/ld-linux-x86-64.so.2"), LinkerScript.inputs(text));
    }

    @Test
    void inputAndLibraryOptionsWithoutBlanksOrWithCommasAreUnderstood() {
        assertEquals(List.of("libgcc_s.so.1", "-lgcc", "libextra.so", "libmvec.so.1"),
                LinkerScript.inputs("GROUP(libgcc_s.so.1,-lgcc)\nSEARCH_DIR(/opt/x)\nINPUT(libextra.so AS_NEEDED(libmvec.so.1));"));
        assertEquals(List.of(), LinkerScript.inputs("/* GROUP ( commented.so ) */ OUTPUT_FORMAT(elf64-x86-64)"));
    }

    @Test
    void theHostsOwnScriptIsATextScriptAndTheLibrariesItNamesAreNot() throws IOException {
        var libc = Path.of(Gcc.run(List.of("gcc", "-print-file-name=libc.so")).strip());
        var bytes = Files.readAllBytes(libc);

        assertTrue(LinkerScript.looksLikeScript(bytes));
        var inputs = LinkerScript.inputs(new String(bytes, StandardCharsets.UTF_8));
        assertTrue(inputs.stream().anyMatch(i -> i.endsWith("libc_nonshared.a")), inputs.toString());
        for (var input : inputs) {
            assertFalse(LinkerScript.looksLikeScript(Files.readAllBytes(Path.of(input))), input);
        }
    }
}
