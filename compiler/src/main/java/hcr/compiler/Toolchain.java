package hcr.compiler;

import hcr.compiler.debug.DebugLayouts;
import hcr.compiler.elf.HostScope;
import hcr.compiler.elf.SystemSymbols;
import hcr.compiler.link.Arch;
import hcr.compiler.link.GroupLibrary;
import hcr.compiler.link.StubLibrary;
import hcr.compiler.link.SymbolRenamer;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The tools a Builder drives, set up once: the compiler (identified once, for content keys),
 * objcopy as the renaming fallback, as and ld for stubs. Binutils are taken from PATH.
 */
final class Toolchain {
    private final BuildConfig config;
    private final CompilerIdentity identity;
    private final ModuleCompiler compiler;
    private final ModuleLinker linker;
    private final ContentKeys keys;
    private final SymbolRenamer renamer;
    private final Arch arch;
    private final StubLibrary stubs;
    private final GroupLibrary group;
    /** The debug info's layouts of module objects, each read once (issue 10's layout changes). */
    private final DebugLayouts layouts = new DebugLayouts();
    private SystemSymbols system;
    /** Read while the first build compiles: it takes some 200 ms, once per JVM. */
    private final CompletableFuture<HostScope> host = CompletableFuture.supplyAsync(Toolchain::readHostScope);

    Toolchain(BuildConfig config, CompilerIdentity identity, ModuleCompiler compiler, FileDigests digests) {
        this.config = config;
        this.identity = identity;
        this.compiler = compiler;
        this.linker = new ModuleLinker(config);
        this.keys = new ContentKeys(digests, identity, compiler.flags());
        this.renamer = new SymbolRenamer("objcopy");
        this.arch = Arch.host();
        this.stubs = new StubLibrary(arch, "as", "ld");
        this.group = new GroupLibrary(arch);
    }

    CompilerIdentity identity() {
        return identity;
    }

    ModuleCompiler compiler() {
        return compiler;
    }

    ModuleLinker linker() {
        return linker;
    }

    ContentKeys keys() {
        return keys;
    }

    SymbolRenamer renamer() {
        return renamer;
    }

    Arch arch() {
        return arch;
    }

    StubLibrary stubs() {
        return stubs;
    }

    GroupLibrary group() {
        return group;
    }

    DebugLayouts layouts() {
        return layouts;
    }

    /** The names the host's system libraries define, read once when first needed. */
    synchronized SystemSymbols system() throws IOException {
        if (system == null) {
            var cc = String.join(" ", config.ccCommand());
            system = SystemSymbols.host(cc).and(SystemSymbols.linkInputs(cc, config.libraries(), config.projectDir()));
        }
        return system;
    }

    /**
     * The host process's global scope, whose names the program cannot export. When it cannot be
     * read, none: the program then exports names the host's libraries shadow anyway, and hcr
     * does not say which.
     */
    HostScope host() {
        return host.join();
    }

    private static HostScope readHostScope() {
        try {
            return HostScope.ofThisJvm();
        } catch (IOException e) {
            return HostScope.none();
        }
    }
}
