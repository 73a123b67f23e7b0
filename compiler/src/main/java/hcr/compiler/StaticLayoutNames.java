package hcr.compiler;

import hcr.compiler.link.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/**
 * The names a relinked module's statics have in the manifest (docs/internals.md section 6): the
 * runtime keeps a static across a reload when the loaded version and the new one list it under the
 * same name with the same size, so a static whose type changed layout at the same size is listed
 * under a new name, {@code <name>@g<N>} (N the generation that saw the change), and is to the
 * runtime a new variable: its own storage, its initial value. It keeps that name in later
 * generations while its layout stays; a {@code .symtab} name never holds {@code @}.
 */
final class StaticLayoutNames {

    static final String MARK = "@g";

    private StaticLayoutNames() {
    }

    /**
     * The records of a module relinked in generation {@code generation}, its statics named after
     * {@code previous} (the statics its previous library was published with) and {@code changed}
     * (the .symtab names of those whose layout changed).
     */
    static LibraryRecords named(LibraryRecords linked, List<Manifest.Static> previous, Set<String> changed,
                                int generation) {
        if (previous.isEmpty()) {
            return linked;
        }
        var before = new HashMap<String, String>();
        previous.forEach(s -> before.put(declared(s.name()), s.name()));
        var statics = new ArrayList<Manifest.Static>();
        for (var s : linked.statics()) {
            var name = changed.contains(s.name()) ? s.name() + MARK + generation : before.getOrDefault(s.name(), s.name());
            statics.add(name.equals(s.name()) ? s
                    : new Manifest.Static(s.moduleId(), name, s.offset(), s.size(), s.sites()));
        }
        return new LibraryRecords(statics, linked.hooks(), linked.entries());
    }

    /** The .symtab name of a static as the manifest lists it: {@code grid@g5} is {@code grid}. */
    static String declared(String listed) {
        int mark = listed.lastIndexOf(MARK);
        var number = mark > 0 ? listed.substring(mark + MARK.length()) : "";
        return !number.isEmpty() && number.chars().allMatch(Character::isDigit)
                ? listed.substring(0, mark) : listed;
    }
}
