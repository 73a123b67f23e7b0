package hcr.compiler.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds a stub library {@code libhcrstubs.<N>.so}: the trampolines every reference to a
 * program function binds to, so the runtime can point them at new code, and the C names the
 * program exports to code it loads at run time (docs/internals.md sections 2 and 3). Calls
 * {@code as} and {@code ld} directly, not through the compiler driver.
 */
public final class StubLibrary {
    private final Arch arch;
    private final String as;
    private final String ld;

    public StubLibrary(Arch arch, String as, String ld) {
        this.arch = arch;
        this.as = as;
        this.ld = ld;
    }

    /** The assembly source of a stub library for {@code functions}, in the layout of section 3. */
    public static String assembly(Arch arch, List<FunctionName> functions) {
        return StubAssembly.of(arch, functions);
    }

    /** The assembly source of a stub library for {@code functions} that also exports {@code exports}. */
    public static String assembly(Arch arch, List<FunctionName> functions, List<Export> exports) {
        return StubAssembly.of(arch, functions, exports);
    }

    /**
     * Assembles and links the stubs of {@code functions} into {@code dir/fileName} with soname
     * {@code fileName}. The source and object are written aside and removed afterwards.
     */
    public void build(List<FunctionName> functions, Path dir, String fileName) throws ToolException, IOException {
        build(functions, List.of(), dir, fileName);
    }

    /**
     * Assembles and links the stubs of {@code functions} and the exports {@code exports} (a label
     * on one of these stubs, or an export thunk) into {@code dir/fileName} with soname {@code fileName}.
     */
    public void build(List<FunctionName> functions, List<Export> exports, Path dir, String fileName)
            throws ToolException, IOException {
        var source = assembly(arch, functions, exports);
        Files.createDirectories(dir);
        var s = Files.createTempFile(dir, "." + fileName, ".s");
        var o = Files.createTempFile(dir, "." + fileName, ".o");
        var so = Files.createTempFile(dir, "." + fileName, ".tmp");
        try {
            Files.writeString(s, source);
            Tool.run(List.of(as, s.toString(), "-o", o.toString()));
            Tool.run(List.of(ld, "-shared", "-soname", fileName, "-o", so.toString(), o.toString()));
            AtomicFile.move(so, dir.resolve(fileName));
        } finally {
            Files.deleteIfExists(s);
            Files.deleteIfExists(o);
            Files.deleteIfExists(so);
        }
    }
}
