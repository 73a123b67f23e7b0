package hcr.compiler.link;

import hcr.compiler.elf.SystemSymbols;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Links module objects into shared libraries without running the compiler driver (see
 * {@link ModuleImage}): set up once per toolchain and project link inputs from what the driver
 * would link (its linker line, {@link DriverLink}; the libraries in it, {@link LibrarySearch}),
 * then asked per object; an object it does not understand is declined with the reason, for the
 * caller to link with {@code cc -shared}.
 */
public final class InProcessLinker {
    private final ModuleImage.Inputs inputs;

    private InProcessLinker(ModuleImage.Inputs inputs) {
        this.inputs = inputs;
    }

    /** The linker for a project's module links, or why there is none (every module then goes to the driver). */
    public record Setup(InProcessLinker linker, String unavailable) {
        public boolean available() {
            return linker != null;
        }

        static Setup unavailable(String why) {
            return new Setup(null, why);
        }
    }

    /**
     * The linker for modules {@code cc} would link on this machine with no link inputs; empty
     * when this machine's link is not one it makes (not x86-64, no shared glibc found through
     * {@code cc}).
     */
    public static Optional<InProcessLinker> forHost(String cc) throws IOException {
        return Optional.ofNullable(forLink(cc, List.of(), Path.of("").toAbsolutePath()).linker());
    }

    /**
     * The linker for modules {@code cc -shared ... <linkInputs>} would link, run in {@code dir};
     * unavailable, with the reason, when this machine's link or the link inputs are not what it
     * makes (not x86-64, no shared glibc, a link input it does not take as ld does).
     */
    public static Setup forLink(String cc, List<String> linkInputs, Path dir) throws IOException {
        if (Arch.host() != Arch.X86_64) {
            return Setup.unavailable("not x86-64");
        }
        var probe = DriverLink.ask(List.of(cc.strip().split("\\s+")), linkInputs, dir);
        var found = SystemSymbols.moduleLinkInputs(cc); // the driver answers both at once
        var words = probe.words();
        if (found.isEmpty()) {
            return Setup.unavailable("no shared C library found through " + cc);
        }
        var libc = SharedExports.read(found.get().libc());
        if (libc.isEmpty()) {
            return Setup.unavailable(found.get().libc() + " is not a shared library with a soname");
        }
        try {
            var line = LinkLine.read(words, DriverLink.OBJECT, dir);
            var libraries = LibrarySearch.find(line, libc.get(), cc);
            var inputs = new ModuleImage.Inputs(libraries, found.get().elsewhere(), line.bindNow());
            return new Setup(new InProcessLinker(inputs), null);
        } catch (Decline e) {
            return Setup.unavailable(e.getMessage());
        }
    }

    /**
     * The outcome for one object: the library's bytes and where it addresses its statics, or
     * why it is left to the driver.
     */
    public record Outcome(byte[] library, String declined, StaticSites statics) {
        public boolean linked() {
            return library != null;
        }
    }

    /** Links {@code object} (a relocatable object's bytes) into a library with soname {@code soname}. */
    public Outcome link(byte[] object, String soname) {
        var result = ModuleImage.link(object, soname, inputs);
        return new Outcome(result.image(), result.declined(), result.statics());
    }
}
