package hcr.compiler;

import hcr.compiler.elf.ElfSections;
import hcr.compiler.link.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of a module whose old versions the runtime can forward to new ones
 * (docs/internals.md section 6, {@code entry}): every function gcc compiled with a patchable
 * entry ({@code -fpatchable-function-entry=9,7}), at its offset in the module's library.
 *
 * <p>gcc lists each such function in the object's {@code __patchable_function_entries}: an
 * {@code R_X86_64_64} relocation to the padding before it, a section symbol plus an addend; the
 * function is the {@code FUNC} symbol of that section seven bytes further ({@code .part.N},
 * {@code .isra.N}, {@code .constprop.N} clones too; {@code .cold} parts and statics inlined
 * everywhere have none). Names come from the object the library was linked from (renamed: a
 * global {@code f} is {@code hcr.f}), offsets from the library's {@code .symtab} by name. A name
 * the object gives two entries, or the library two functions, is left out; so is anything
 * this reader does not understand (an object that is not x86-64 ELF64): no entries, no
 * forwarding, nothing else changes.
 */
final class FunctionEntries {
    private static final String SECTION = "__patchable_function_entries";
    private static final int PAD = 7;
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_RELA = 4;
    private static final int STT_FUNC = 2;
    private static final int R_X86_64_64 = 1;
    private static final int EM_X86_64 = 62;

    private FunctionEntries() {
    }

    /** The entries of module {@code id}'s library {@code library}, linked from the (renamed) object {@code object}. */
    static List<Manifest.Entry> of(String id, byte[] object, byte[] library) {
        try {
            var names = entryNames(elf(object));
            if (names.isEmpty()) {
                return List.of();
            }
            var offsets = functionOffsets(elf(library));
            var entries = new ArrayList<Manifest.Entry>();
            for (var name : names) {
                var offset = offsets.get(name);
                if (offset != null && offset >= 0) {
                    entries.add(new Manifest.Entry(id, name, offset));
                }
            }
            return entries;
        } catch (RuntimeException e) {
            return List.of(); // not an object this reader understands: no forwarding for it
        }
    }

    /** The functions the object's patchable-entry list names, in its order, each once. */
    private static List<String> entryNames(ElfSections elf) {
        var functions = new HashMap<String, String>(); // "section:value" -> name, "" when two share it
        var symbols = symbols(elf);
        for (var s : symbols) {
            if (s.type() == STT_FUNC && s.shndx() != 0) {
                functions.merge(s.shndx() + ":" + s.value(), s.name(), (a, b) -> "");
            }
        }
        var named = new LinkedHashMap<String, Integer>();
        var sections = elf.sections();
        for (var section : sections) {
            if (section.type() != SHT_RELA || section.info() <= 0 || section.info() >= sections.size()
                    || !sections.get(section.info()).name().equals(SECTION)) {
                continue;
            }
            for (long at = section.offset(); at + 24 <= section.offset() + section.size(); at += 24) {
                long info = elf.buffer().getLong((int) at + 8);
                int symbol = (int) (info >>> 32);
                if ((int) info != R_X86_64_64 || symbol <= 0 || symbol >= symbols.size()) {
                    continue;
                }
                var target = symbols.get(symbol);
                long pad = target.value() + elf.buffer().getLong((int) at + 16);
                var name = functions.get(target.shndx() + ":" + (pad + PAD));
                if (name != null && !name.isEmpty()) {
                    named.merge(name, 1, Integer::sum);
                }
            }
        }
        var names = new ArrayList<String>();
        named.forEach((name, count) -> {
            if (count == 1) {
                names.add(name);
            }
        });
        return names;
    }

    /** Every function of the library's {@code .symtab} by name; -1 for a name held twice. */
    private static Map<String, Long> functionOffsets(ElfSections elf) {
        var offsets = new HashMap<String, Long>();
        for (var s : symbols(elf)) {
            if (s.type() == STT_FUNC && s.shndx() != 0) {
                offsets.merge(s.name(), s.value(), (a, b) -> -1L);
            }
        }
        return offsets;
    }

    /** A symbol of the {@code .symtab}. */
    private record Symbol(String name, int type, int shndx, long value) {
    }

    /** An x86-64 ELF64 file's sections; anything else is not understood. */
    private static ElfSections elf(byte[] bytes) {
        return ElfSections.of(bytes).filter(e -> e.machine() == EM_X86_64)
                .orElseThrow(() -> new IllegalArgumentException("not x86-64 ELF64"));
    }

    /** The file's {@code .symtab}, in index order. */
    private static List<Symbol> symbols(ElfSections elf) {
        var symbols = new ArrayList<Symbol>();
        var in = elf.buffer();
        for (var table : elf.sections()) {
            if (table.type() != SHT_SYMTAB) {
                continue;
            }
            long strings = elf.sections().get(table.link()).offset();
            for (long at = table.offset(); at + 24 <= table.offset() + table.size(); at += 24) {
                int i = Math.toIntExact(at);
                symbols.add(new Symbol(elf.string(strings + Integer.toUnsignedLong(in.getInt(i))), in.get(i + 4) & 0xf,
                        Short.toUnsignedInt(in.getShort(i + 6)), in.getLong(i + 8)));
            }
            break;
        }
        return symbols;
    }
}
