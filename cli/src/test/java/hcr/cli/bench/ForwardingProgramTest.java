package hcr.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figure e's program: its module has the static functions asked for, and one edit changes every one. */
class ForwardingProgramTest {

    @Test
    void everyFunctionIsAStaticNoinlineInTheTableAndUsesStep(@TempDir Path dir) throws IOException {
        var program = new ForwardingProgram(500);
        program.writeTo(dir);
        var work = Files.readString(dir.resolve("work.c"), StandardCharsets.UTF_8);
        assertEquals(500, count(work, "(?m)^static __attribute__\\(\\(noinline\\)\\) long w\\d{3}\\(long x\\)$"));
        assertEquals(500, count(work, "(?m)^\\treturn x \\* 3 \\+ \\d+ \\+ STEP;$"));
        assertEquals(500, count(work, "(?m)^\\tw\\d{3},$"));
        assertTrue(work.contains("\tw499,\n};"), work);
        assertTrue(Files.readString(dir.resolve("main.c")).contains("static work_fn saved[500];"));
    }

    @Test
    void editNChangesStepAndNothingElse(@TempDir Path dir) throws IOException {
        var program = new ForwardingProgram(3);
        program.writeTo(dir);
        var work = Files.readString(dir.resolve("work.c"), StandardCharsets.UTF_8);
        var edited = program.edit().applyTo(work, 1004);
        assertEquals(work.replace("#define STEP 1\n", "#define STEP 1004\n"), edited);
        assertEquals(edited.replace("#define STEP 1004\n", "#define STEP 1005\n"), program.edit().applyTo(work, 1005));
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }
}
