package hcr.compiler.link;

import static hcr.compiler.link.Elf.*;

import hcr.compiler.link.ObjectFile.Symbol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The library's {@code .symtab} and {@code .strtab}, for gdb and the tools that read a
 * library's statics and hook descriptors: the object's local symbols (and globals of hidden
 * or internal visibility) at their library addresses, then its globals, the references a
 * needed library defines in a version named {@code name@version} as ld names them. Section
 * symbols are left out.
 */
final class SymbolTable {
    private final LinkLibraries libraries;
    private final List<Symbol> locals = new ArrayList<>();
    private final List<Symbol> globals = new ArrayList<>();
    private final StringTable names = new StringTable();
    private final Map<Integer, Integer> nameAt = new HashMap<>(); // symbol index -> .strtab offset
    final OutputSection symtab;
    final OutputSection strtab;

    SymbolTable(ObjectFile input, LinkLibraries libraries) {
        this.libraries = libraries;
        for (var s : input.symbols()) {
            if (s.index() == 0 || s.type() == STT_SECTION) {
                continue;
            }
            if (s.shndx() != SHN_UNDEF && s.shndx() != SHN_ABS && !input.outputs(s)) {
                continue; // in a dropped section
            }
            if (!s.global() || (s.other() & 3) == 1 || (s.other() & 3) == 2) {
                if (s.global() && s.undefined()) {
                    continue;
                }
                locals.add(s);
            } else if (!(s.undefined() && s.name().equals("_GLOBAL_OFFSET_TABLE_"))) {
                globals.add(s);
            }
        }
        for (var s : locals) {
            nameAt.put(s.index(), s.name().isEmpty() ? 0 : names.add(s.name()));
        }
        for (var s : globals) {
            var binding = s.undefined() ? libraries.bind(s.name()) : null;
            var version = binding == null ? "" : binding.version();
            nameAt.put(s.index(), names.add(version.isEmpty() ? s.name() : s.name() + "@" + version));
        }
        symtab = OutputSection.made(".symtab", SHT_SYMTAB, 0, 8, SYM, (long) SYM * (1 + locals.size() + globals.size()));
        strtab = OutputSection.made(".strtab", SHT_STRTAB, 0, 1, 0, names.size());
    }

    /** Writes both tables at their places in {@code layout}, and links .symtab to .strtab. */
    void write(ByteBuffer out, Layout layout) {
        symtab.link = strtab.index;
        symtab.info = 1 + locals.size();
        out.position(Math.toIntExact(symtab.offset + SYM));
        for (var s : locals) {
            put(out, layout, s, STB_LOCAL);
        }
        for (var s : globals) {
            put(out, layout, s, s.bind());
        }
        out.position(Math.toIntExact(strtab.offset)).put(names.bytes());
    }

    private void put(ByteBuffer out, Layout layout, Symbol s, int bind) {
        long value = s.undefined() ? 0 : s.type() == STT_FILE ? 0 : layout.address(s);
        out.putInt(nameAt.get(s.index())).put((byte) ((bind << 4) | s.referenceType(libraries))).put((byte) s.other())
                .putShort((short) layout.sectionIndex(s)).putLong(value).putLong(s.size());
    }
}
