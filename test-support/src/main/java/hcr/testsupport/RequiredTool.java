package hcr.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A tool a test needs beyond the compiler (vim, {@code script}, Chromium, an aarch64
 * assembler...). On CI ({@code CI=true}) a missing one fails the test, because {@code run-tests}
 * installs it and a skipped check proves nothing; on a developer's machine the test is skipped
 * and says what to install.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** Requires {@code present}; {@code what} names the tool and how to get it. */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(what + " is missing, and CI=true: this check must run on CI (run-tests installs it)");
        }
        Assumptions.abort(what + " is missing; skipped (set CI=true to make this a failure)");
    }

    /** Requires the executable {@code path}. */
    public static void requireExecutable(Path path, String what) {
        require(Files.isExecutable(path), what + " (" + path + ")");
    }
}
