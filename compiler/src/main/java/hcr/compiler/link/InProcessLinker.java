package hcr.compiler.link;

import hcr.compiler.elf.SystemSymbols;
import java.io.IOException;
import java.util.Optional;

/**
 * Links module objects into shared libraries without running the compiler driver (see
 * {@link ModuleImage}): set up once per toolchain from what the driver would link, then
 * asked per object; an object it does not understand is declined with the reason, for the
 * caller to link with {@code cc -shared}.
 */
public final class InProcessLinker {
    private final ModuleImage.Inputs inputs;

    private InProcessLinker(ModuleImage.Inputs inputs) {
        this.inputs = inputs;
    }

    /**
     * The linker for modules {@code cc} would link on this machine; empty when this machine's
     * link is not one it makes (not x86-64, no shared glibc found through {@code cc}).
     */
    public static Optional<InProcessLinker> forHost(String cc) throws IOException {
        if (Arch.host() != Arch.X86_64) {
            return Optional.empty();
        }
        var found = SystemSymbols.moduleLinkInputs(cc);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var libc = SharedExports.read(found.get().libc());
        return libc.map(exports -> new InProcessLinker(new ModuleImage.Inputs(exports, found.get().elsewhere())));
    }

    /** The outcome for one object: the library's bytes, or why it is left to the driver. */
    public record Outcome(byte[] library, String declined) {
        public boolean linked() {
            return library != null;
        }
    }

    /** Links {@code object} (a relocatable object's bytes) into a library with soname {@code soname}. */
    public Outcome link(byte[] object, String soname) {
        var result = ModuleImage.link(object, soname, inputs);
        return new Outcome(result.image(), result.declined());
    }
}
