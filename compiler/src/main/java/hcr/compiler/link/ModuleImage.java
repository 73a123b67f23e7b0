package hcr.compiler.link;

import java.util.Set;

/**
 * Links one module object into its shared library in-process: the library
 * {@code cc -shared -Wl,-soname,S obj.o <link inputs>} makes, for the objects gcc emits for
 * plain C with {@code -fPIC} on x86-64, without running the compiler driver, collect2 and ld
 * (some 40 to 60 ms of process start-up on a small machine; this takes about a millisecond).
 * The link inputs are what a real program's build names ({@code -lm -Wl,-E -ldl}): shared
 * libraries found as ld finds them, {@code --as-needed}, {@code -z now} ({@link LinkLine}).
 *
 * <p>What the library holds, as ld makes it: every input section at its alignment, in four
 * {@code PT_LOAD} segments (headers and dynamic tables read-only; code; read-only data with
 * {@code .eh_frame} and its {@code .eh_frame_hdr} ({@code PT_GNU_EH_FRAME}); writable data
 * with the RELRO part first: init/fini arrays, {@code .data.rel.ro}, {@code .dynamic},
 * {@code .got}); a {@code .plt.got} entry ({@code jmp *slot(%rip)}) per called global
 * function, since every global of default visibility stays preemptible (calls reach the
 * stubs, data the first definition); {@code .got} slots bound eagerly ({@code GLOB_DAT},
 * {@code RELATIVE}); {@code .dynsym} with every global and every undefined reference,
 * {@code .gnu.hash}; a reference binds to the first library of the link that exports it
 * ({@code floor} to {@code libm.so.6}, {@code printf} to {@code libc.so.6}), is versioned
 * ({@code .gnu.version_r}, the library's default version: what ld records) and makes the
 * library {@code DT_NEEDED} (a library named {@code --no-as-needed} is needed anyway);
 * {@code -z now} sets {@code DT_FLAGS BIND_NOW} and {@code DT_FLAGS_1 NOW}; {@code .symtab} with the object's local symbols (statics, hook
 * descriptors) at their library addresses; the DWARF sections, relocated, so gdb shows the
 * C names and lines; a {@code .note.gnu.build-id}; {@code PT_GNU_STACK} not executable. The
 * C runtime's start files add nothing a C module needs here ({@code _init}/{@code _fini}
 * are empty, {@code __dso_handle} is only referenced through {@code atexit}, which is
 * declined below). Unlike ld, it leaves out {@code __patchable_function_entries} (gcc's list
 * of the entries {@code -fpatchable-function-entry} padded): the compiler reads it from the
 * object for the manifest's {@code entry} records, and nothing at run time needs it.
 *
 * <p>Anything else is declined, with the reason, and the caller runs the real linker: not
 * x86-64 ELF64; TLS, IFUNC, common or unique symbols; section groups, compressed or
 * unknown sections, {@code .init}/{@code .ctors} and prioritised constructors, notes other
 * than {@code .note.GNU-stack} (and an executable-stack request); relocations other than
 * the PIC ones gcc emits (a non-PIC one is declined so ld reports it as ld does); references
 * that the driver's other link inputs would satisfy ({@code libc_nonshared.a},
 * {@code libgcc}, the start files, linker-defined names, a member of an archive among the
 * link inputs); weak references to a library's names; references a library defines only in
 * hidden versions; link inputs {@link LinkLine} does not take.
 */
final class ModuleImage {
    /**
     * What the in-process link needs to know about the driver's other link inputs.
     *
     * @param libraries the link's libraries in ld's order (the project's {@code -l}, then the C
     *                  library): what each reference binds to, which are needed
     * @param elsewhere names another input of {@code cc -shared} would define (the start files,
     *                  {@code libc_nonshared.a}, {@code libgcc}, the dynamic loader): a
     *                  reference to one is left to ld
     * @param bindNow   {@code -z now} was given
     */
    record Inputs(LinkLibraries libraries, Set<String> elsewhere, boolean bindNow) {
        Inputs {
            elsewhere = Set.copyOf(elsewhere);
        }
    }

    /**
     * The library's bytes and where it addresses its statics ({@link StaticSites}), or why the
     * object is left to the real linker.
     */
    record Result(byte[] image, String declined, StaticSites statics) {
        static Result declined(String why) {
            return new Result(null, why, StaticSites.NONE);
        }

        boolean linked() {
            return image != null;
        }
    }

    private ModuleImage() {
    }

    /** Links {@code object} (a relocatable ELF file's bytes) into a shared library named {@code soname}. */
    static Result link(byte[] object, String soname, Inputs inputs) {
        try {
            return build(object, soname, inputs);
        } catch (Decline e) {
            return Result.declined(e.getMessage());
        } catch (RuntimeException e) {
            // a malformed object, or a case this linker got wrong: ld decides
            return Result.declined("not understood: " + e);
        }
    }

    /**
     * The link's steps: read and check the object, see what its relocations and symbols need,
     * lay the sections out, then write contents and tables with their final addresses, the
     * headers and the build id last; where the statics are addressed, once all is placed.
     */
    private static Result build(byte[] object, String soname, Inputs inputs) {
        var input = ObjectFile.read(object, inputs);
        var relocator = new Relocator(input);
        var dynamicSymbols = new DynamicSymbols(input, inputs.libraries(), soname);
        var layout = new Layout(input, dynamicSymbols, relocator);
        var dynamicTable = new DynamicTable(layout, dynamicSymbols, relocator, inputs.bindNow());
        layout.dynamic.size = dynamicTable.size();
        layout.placeLoaded();
        layout.placeUnloaded();

        var symbolTable = new SymbolTable(input, inputs.libraries());
        layout.placeTables(symbolTable.symtab, symbolTable.strtab);
        var out = layout.allocate();

        relocator.apply(out, layout, dynamicSymbols);
        if (layout.ehFrame() != null) {
            EhFrame.finish(out, layout.ehFrame(), layout.ehFrameHdr());
        }
        dynamicSymbols.write(out, layout);
        dynamicTable.write(out);
        symbolTable.write(out, layout);
        dynamicSymbols.linkSections(relocator.relaDyn, layout.dynamic);
        var statics = StaticSites.find(input, layout, relocator);
        return new Result(ElfWriter.finish(out, layout), null, statics);
    }
}
