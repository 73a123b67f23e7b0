package hcr.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret of one console session: 256 random bits from {@link SecureRandom}, written as 64
 * hex digits. Whoever has it may act on the program, so it is compared in constant time.
 */
final class SessionToken {
    private final String value;

    private SessionToken(String value) {
        this.value = value;
    }

    static SessionToken random() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SessionToken(HexFormat.of().formatHex(bytes));
    }

    String value() {
        return value;
    }

    /** Whether {@code candidate} is this token; the time taken does not depend on where they differ. */
    boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "SessionToken[hidden]";
    }
}
