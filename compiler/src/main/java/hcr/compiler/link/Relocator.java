package hcr.compiler.link;

import static hcr.compiler.link.Elf.*;

import hcr.compiler.link.ObjectFile.Symbol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The object's relocations in the library: first what each needs (a {@code .got} slot, a
 * {@code .plt.got} entry, a dynamic relocation), so the layout can size those sections; then,
 * once every address is known, the relocated contents, the slots bound eagerly
 * ({@code GLOB_DAT} for a preemptible global, {@code RELATIVE} otherwise), {@code .rela.dyn}
 * ({@code RELATIVE} entries first, as ld orders them) and the {@code .plt.got} stubs.
 */
final class Relocator {
    private final ObjectFile input;
    private final Map<Integer, Integer> got = new LinkedHashMap<>(); // symbol index -> slot number
    private final Map<Integer, Integer> plt = new LinkedHashMap<>(); // symbol index -> entry number
    private int relative;
    private int symbolic;
    final OutputSection relaDyn;
    final OutputSection pltGot;
    final OutputSection gotSection;

    /** Reads what the relocations of {@code input} need; throws {@link Decline} for one the link does not make. */
    Relocator(ObjectFile input) {
        this.input = input;
        for (var r : input.relocations()) {
            need(r);
        }
        for (int sym : got.keySet()) {
            if (input.symbols().get(sym).preemptible()) {
                symbolic++;
            } else {
                relative++;
            }
        }
        relaDyn = OutputSection.made(".rela.dyn", SHT_RELA, SHF_ALLOC, 8, RELA, (long) RELA * count());
        pltGot = OutputSection.made(".plt.got", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 8, 8, 8L * plt.size());
        gotSection = OutputSection.made(".got", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 8, 8, 8L * got.size());
    }

    private void need(ObjectFile.Rela r) {
        var s = input.symbols().get(r.symbol());
        if (r.type() == R_NONE) {
            return;
        }
        if (r.symbol() == 0) {
            throw new Decline("relocation without a symbol in " + r.target().name());
        }
        if (s.undefined() && s.name().equals("_GLOBAL_OFFSET_TABLE_")) {
            throw new Decline("relocation against _GLOBAL_OFFSET_TABLE_ (large code model?)");
        }
        if (s.shndx() == SHN_ABS) {
            throw new Decline("relocation against absolute symbol '" + s.name() + "'");
        }
        if (!s.undefined() && !input.outputs(s)) {
            throw new Decline("relocation against '" + s.name() + "' in dropped section");
        }
        if (!r.target().alloc()) {
            if ((r.type() != R_32 && r.type() != R_64) || s.undefined()) {
                throw new Decline("relocation type " + r.type() + " in " + r.target().name());
            }
            return;
        }
        switch (r.type()) {
            case R_64 -> {
                if (!r.target().write()) {
                    throw new Decline("text relocation in " + r.target().name());
                }
                if (bindsAtLoad(r, s)) {
                    symbolic++;
                } else {
                    relative++;
                }
            }
            case R_PC32, R_PC64 -> {
                if (s.preemptible()) {
                    throw new Decline("PC-relative relocation against '" + s.name() + "' (not -fPIC)");
                }
            }
            case R_PLT32 -> {
                if (s.preemptible()) {
                    plt.putIfAbsent(r.symbol(), plt.size());
                    got.putIfAbsent(r.symbol(), got.size());
                }
            }
            case R_GOTPCREL, R_GOTPCRELX, R_REX_GOTPCRELX -> got.putIfAbsent(r.symbol(), got.size());
            default -> throw new Decline("relocation type " + r.type() + " in " + r.target().name());
        }
    }

    /**
     * Whether an absolute word is left to the dynamic linker: one that names a preemptible
     * symbol, except a constructor's or destructor's entry naming a function of this object.
     * That one is this version's own code, and the constructor runs while {@code dlopen} loads
     * the library, before the runtime has bound any stub's slot: through the symbol it would
     * reach the stub ({@code hcr.f}'s first definition) and trap as a function with no
     * implementation (jq's {@code __attribute__((constructor)) void jv_mem_uninit_setup()}).
     */
    private static boolean bindsAtLoad(ObjectFile.Rela r, Symbol s) {
        boolean startup = r.target().type() == SHT_INIT_ARRAY || r.target().type() == SHT_FINI_ARRAY;
        return s.preemptible() && !(startup && !s.undefined());
    }

    /** How many dynamic relocations the library has. */
    int count() {
        return relative + symbolic;
    }

    /** How many of them are {@code RELATIVE} (for DT_RELACOUNT). */
    int relativeCount() {
        return relative;
    }

    /** The address of the {@code .got} slot of object symbol {@code symbol}, or -1 when it has none. */
    long gotSlot(int symbol) {
        var slot = got.get(symbol);
        return slot == null ? -1 : gotSection.address + 8L * slot;
    }

    boolean hasPlt() {
        return !plt.isEmpty();
    }

    boolean hasGot() {
        return !got.isEmpty();
    }

    /** Writes the kept sections' contents, relocated, then .got, .rela.dyn and .plt.got. */
    void apply(ByteBuffer out, Layout layout, DynamicSymbols dynamic) {
        for (var o : layout.all()) {
            if (o.input != null && o.type != SHT_NOBITS) {
                out.put(Math.toIntExact(o.offset), input.bytes(), Math.toIntExact(o.input.offset()),
                        Math.toIntExact(o.input.size()));
            }
        }
        var relativeEntries = new ArrayList<long[]>(); // offset, info, addend
        var symbolicEntries = new ArrayList<long[]>();
        for (var r : input.relocations()) {
            if (r.type() != R_NONE) {
                relocate(out, r, layout, dynamic, relativeEntries, symbolicEntries);
            }
        }
        fillGot(out, layout, dynamic, relativeEntries, symbolicEntries);
        relativeEntries.sort(Comparator.comparingLong(e -> e[0]));
        symbolicEntries.sort(Comparator.comparingLong(e -> e[0]));
        var entries = new ArrayList<>(relativeEntries);
        entries.addAll(symbolicEntries);
        if (entries.size() != count()) {
            throw new IllegalStateException("relocation count " + entries.size() + " != " + count());
        }
        for (int i = 0; i < entries.size(); i++) {
            var e = entries.get(i);
            out.position(Math.toIntExact(relaDyn.offset + (long) RELA * i));
            out.putLong(e[0]).putLong(e[1]).putLong(e[2]);
        }
        writePlt(out);
    }

    private void relocate(ByteBuffer out, ObjectFile.Rela r, Layout layout, DynamicSymbols dynamic,
                          List<long[]> relativeEntries, List<long[]> symbolicEntries) {
        var s = input.symbols().get(r.symbol());
        var target = layout.outputOf(r.target());
        long p = target.address + r.offset();
        int at = Math.toIntExact(target.offset + r.offset());
        if (!target.alloc()) {
            long value = layout.address(s) + r.addend();
            if (r.type() == R_32) {
                if (value < 0 || value > 0xffffffffL) {
                    throw new Decline("32-bit relocation overflow in " + target.name);
                }
                out.putInt(at, (int) value);
            } else {
                out.putLong(at, value);
            }
            return;
        }
        switch (r.type()) {
            case R_64 -> {
                if (bindsAtLoad(r, s)) {
                    symbolicEntries.add(new long[] {p, ((long) dynamic.indexOf(s.index()) << 32) | R_64, r.addend()});
                    out.putLong(at, 0);
                } else {
                    long value = layout.address(s) + r.addend();
                    relativeEntries.add(new long[] {p, R_RELATIVE, value});
                    out.putLong(at, value);
                }
            }
            case R_PC32 -> putPc32(out, at, layout.address(s) + r.addend() - p);
            case R_PC64 -> out.putLong(at, layout.address(s) + r.addend() - p);
            case R_PLT32 -> {
                long callee = s.preemptible() ? pltGot.address + 8L * plt.get(s.index()) : layout.address(s);
                putPc32(out, at, callee + r.addend() - p);
            }
            case R_GOTPCREL, R_GOTPCRELX, R_REX_GOTPCRELX ->
                    putPc32(out, at, gotSection.address + 8L * got.get(s.index()) + r.addend() - p);
            default -> throw new Decline("relocation type " + r.type());
        }
    }

    private void fillGot(ByteBuffer out, Layout layout, DynamicSymbols dynamic, List<long[]> relativeEntries,
                         List<long[]> symbolicEntries) {
        for (var e : got.entrySet()) {
            Symbol s = input.symbols().get(e.getKey());
            long slot = gotSection.address + 8L * e.getValue();
            int at = Math.toIntExact(gotSection.offset + 8L * e.getValue());
            if (s.preemptible()) {
                symbolicEntries.add(new long[] {slot, ((long) dynamic.indexOf(s.index()) << 32) | R_GLOB_DAT, 0});
                out.putLong(at, 0);
            } else {
                relativeEntries.add(new long[] {slot, R_RELATIVE, layout.address(s)});
                out.putLong(at, layout.address(s));
            }
        }
    }

    /** .plt.got: {@code jmp *slot(%rip); xchg %ax,%ax} per called preemptible function. */
    private void writePlt(ByteBuffer out) {
        for (var e : plt.entrySet()) {
            long entry = pltGot.address + 8L * e.getValue();
            long slot = gotSection.address + 8L * got.get(e.getKey());
            int at = Math.toIntExact(pltGot.offset + 8L * e.getValue());
            out.put(at, (byte) 0xff).put(at + 1, (byte) 0x25);
            putPc32(out, at + 2, slot - (entry + 6));
            out.put(at + 6, (byte) 0x66).put(at + 7, (byte) 0x90);
        }
    }

    private static void putPc32(ByteBuffer out, int at, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new Decline("PC-relative relocation overflow");
        }
        out.putInt(at, (int) value);
    }
}
