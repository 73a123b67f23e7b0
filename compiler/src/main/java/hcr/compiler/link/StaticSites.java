package hcr.compiler.link;

import static hcr.compiler.link.Elf.*;

import hcr.compiler.link.ObjectFile.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a module's library addresses each of its writable statics (docs/internals.md section 6,
 * {@code staticref}), found by the in-process link ({@link ModuleImage}), which applies every
 * relocation itself. With them the runtime makes a reloaded module's new code address the old
 * storage of a static, so that old code still running and new code share one variable.
 *
 * <p>gcc and gas address a static as its section's symbol plus an addend, and the addend
 * includes the bias of the instruction ({@code .bss.count-8} for {@code movl $5, count(%rip)}):
 * the static a reference means is known for sure only when the static is alone in its section,
 * which {@code -fdata-sections} (hcr's compile) makes so. Then every relocation against that
 * section in a loaded section is a site: {@code R_X86_64_PC32} and {@code PLT32} a {@code pc32}
 * site at the relocated field, {@code R_X86_64_64} an {@code abs64} site (a {@code RELATIVE}
 * word at load), {@code GOTPCREL}, {@code GOTPCRELX} and {@code REX_GOTPCRELX} an {@code abs64}
 * site at the symbol's {@code .got} slot (this link does not relax them). DWARF's references
 * are not sites. A static that shares its section, does not fill it, has a name the object
 * holds twice, or is addressed by another relocation has no sites: it is carried by value.
 *
 * @param known   the sites of every static whose references are all known, by {@code .symtab} name
 * @param unknown why each other writable static has none, by name
 */
public record StaticSites(Map<String, Manifest.Sites> known, Map<String, String> unknown) {
    /** What a library linked by {@code cc -shared} has: nothing known. */
    public static final StaticSites NONE = new StaticSites(Map.of(), Map.of());

    public StaticSites {
        known = Map.copyOf(known);
        unknown = Map.copyOf(unknown);
    }

    /** The sites of static {@code name}, or {@code null} when they are not known. */
    public Manifest.Sites of(String name) {
        return known.get(name);
    }

    /** How many sites all statics have together. */
    public int count() {
        return known.values().stream().mapToInt(Manifest.Sites::count).sum();
    }

    /** The sites of {@code input}'s statics in the library laid out by {@code layout}, relocated by {@code relocator}. */
    static StaticSites find(ObjectFile input, Layout layout, Relocator relocator) {
        return new Finder(input).find(layout, relocator);
    }

    /** One object's statics and their sections, then its relocations. */
    private static final class Finder {
        private final ObjectFile input;
        private final Map<Integer, Symbol> alone = new HashMap<>(); // section index -> its static
        private final Map<String, List<Long>> pc32 = new TreeMap<>();
        private final Map<String, List<Long>> abs64 = new TreeMap<>();
        private final Map<String, String> unknown = new LinkedHashMap<>();

        Finder(ObjectFile input) {
            this.input = input;
        }

        StaticSites find(Layout layout, Relocator relocator) {
            findAlone();
            for (var r : input.relocations()) {
                var s = input.symbols().get(r.symbol());
                var owner = s.undefined() ? null : alone.get(s.shndx());
                if (owner != null && r.target().alloc() && r.type() != R_NONE) {
                    site(owner, r, layout, relocator);
                }
            }
            var known = new TreeMap<String, Manifest.Sites>();
            for (var s : alone.values()) {
                if (!unknown.containsKey(s.name())) {
                    known.put(s.name(), new Manifest.Sites(pc32.getOrDefault(s.name(), List.of()),
                            abs64.getOrDefault(s.name(), List.of())));
                }
            }
            return new StaticSites(known, unknown);
        }

        /** The writable statics alone in their sections; why each other one is not. */
        private void findAlone() {
            var sections = new HashMap<Integer, ObjectFile.Section>();
            input.kept().forEach(s -> sections.put(s.index(), s));
            var named = new HashMap<Integer, List<Symbol>>(); // section index -> its named symbols
            var names = new HashMap<String, Integer>();
            for (var s : input.symbols()) {
                if (s.index() > 0 && s.type() != STT_SECTION && s.type() != STT_FILE && !s.name().isEmpty()) {
                    named.computeIfAbsent(s.shndx(), i -> new ArrayList<>()).add(s);
                }
                if (isStatic(s, sections.get(s.shndx()))) {
                    names.merge(s.name(), 1, Integer::sum);
                }
            }
            for (var s : input.symbols()) {
                var section = sections.get(s.shndx());
                if (!isStatic(s, section)) {
                    continue;
                }
                var others = named.get(s.shndx()).stream().filter(o -> o != s).map(Symbol::name).toList();
                if (names.get(s.name()) > 1) {
                    unknown.put(s.name(), "the object has two statics named " + s.name());
                } else if (!others.isEmpty()) {
                    unknown.put(s.name(), "shares section " + section.name() + " with " + String.join(", ", others));
                } else if (s.value() != 0 || s.size() != section.size()) {
                    unknown.put(s.name(), "does not fill section " + section.name());
                } else {
                    alone.put(s.shndx(), s);
                }
            }
        }

        /** A LOCAL OBJECT with a size in a kept writable section that RELRO does not protect. */
        private static boolean isStatic(Symbol s, ObjectFile.Section section) {
            return s.bind() == STB_LOCAL && s.type() == STT_OBJECT && s.size() > 0 && section != null
                    && section.alloc() && section.write() && !section.name().startsWith(".data.rel.ro");
        }

        private void site(Symbol owner, ObjectFile.Rela r, Layout layout, Relocator relocator) {
            long at = layout.outputOf(r.target()).address + r.offset();
            switch (r.type()) {
                case R_PC32, R_PLT32 -> pc32.computeIfAbsent(owner.name(), n -> new ArrayList<>()).add(at);
                case R_64 -> abs64.computeIfAbsent(owner.name(), n -> new ArrayList<>()).add(at);
                case R_GOTPCREL, R_GOTPCRELX, R_REX_GOTPCRELX -> abs64.computeIfAbsent(owner.name(),
                        n -> new ArrayList<>()).add(relocator.gotSlot(r.symbol()));
                default -> unknown.put(owner.name(), "addressed by a relocation of type " + r.type() + " in "
                        + r.target().name());
            }
        }
    }
}
