package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tool a test needs beyond the compiler: when it is missing the test fails on CI
 * ({@code CI=true}) and is skipped elsewhere.
 */
final class RequiredTool {

    private RequiredTool() {
    }

    static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(what + " is missing, and CI=true: this check must run on CI");
        }
        assumeTrue(false, what + " is missing; skipped (set CI=true to make this a failure)");
    }
}
