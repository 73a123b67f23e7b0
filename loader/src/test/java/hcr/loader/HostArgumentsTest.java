package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostArgumentsTest {

    @Test
    void the_program_is_named_after_its_project_folder() {
        var arguments = HostArguments.parse("--build-dir", "/home/me/sim/.hcr", "--control", "/tmp/x/control.sock",
                "--", "100", "--verbose");

        assertEquals(Path.of("/home/me/sim/.hcr"), arguments.buildDir());
        assertEquals(Path.of("/tmp/x/control.sock"), arguments.controlSocket());
        assertArrayEquals(new String[] {"sim", "100", "--verbose"}, arguments.argv());
    }

    @Test
    void a_name_can_be_given_and_arguments_may_follow_without_a_separator() {
        var arguments = HostArguments.parse("--control", "c.sock", "--name", "demo", "--build-dir", "b", "1", "3");

        assertEquals("demo", arguments.programName());
        assertEquals(List.of("1", "3"), arguments.programArgs());
        assertTrue(arguments.buildDir().isAbsolute());
    }

    @Test
    void missing_or_unknown_options_are_named() {
        var missing = assertThrows(IllegalArgumentException.class, () -> HostArguments.parse("--build-dir", "b"));
        assertTrue(missing.getMessage().contains("--control"), missing.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> HostArguments.parse("--build-dir", "b", "--control", "c", "--fast", "1"));
        assertTrue(unknown.getMessage().contains("--fast"), unknown.getMessage());
        var valueless = assertThrows(IllegalArgumentException.class, () -> HostArguments.parse("--build-dir"));
        assertTrue(valueless.getMessage().contains("--build-dir"), valueless.getMessage());
    }
}
