package hcr.compiler.link;

import java.util.Locale;

/** The machines stubs can be generated for. */
public enum Arch {
    X86_64("x86_64", 62, 0x1000),
    AARCH64("aarch64", 183, 0x10000);

    private final String manifestName;
    private final int elfMachine;
    private final int maxPageSize;

    Arch(String manifestName, int elfMachine, int maxPageSize) {
        this.manifestName = manifestName;
        this.elfMachine = elfMachine;
        this.maxPageSize = maxPageSize;
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

    /** The ELF {@code e_machine} of this machine: {@code EM_X86_64}, {@code EM_AARCH64}. */
    public int elfMachine() {
        return elfMachine;
    }

    /** The largest page size a kernel of this machine may use: the alignment of loadable segments (as ld's default). */
    public int maxPageSize() {
        return maxPageSize;
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
