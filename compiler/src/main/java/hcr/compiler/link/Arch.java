package hcr.compiler.link;

import java.util.Locale;

/** The machines stubs can be generated for. */
public enum Arch {
    X86_64("x86_64"),
    AARCH64("aarch64");

    private final String manifestName;

    Arch(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The machine this JVM runs on. */
    public static Arch host() {
        var arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> throw new UnsupportedOperationException("hcr does not support the machine '" + arch
                    + "' (only x86_64 and aarch64)");
        };
    }

    /** The name in the manifest's {@code arch} record: {@code x86_64}, {@code aarch64}. */
    public String manifestName() {
        return manifestName;
    }

    /** The machine a manifest's {@code arch} record names. */
    public static Arch ofManifestName(String name) {
        for (var arch : values()) {
            if (arch.manifestName.equals(name)) {
                return arch;
            }
        }
        throw new IllegalArgumentException("unknown arch '" + name + "'");
    }
}
