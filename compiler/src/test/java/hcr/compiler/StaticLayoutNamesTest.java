package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hcr.compiler.link.Manifest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a relinked module's statics are listed after their layouts (docs/internals.md section 6). */
class StaticLayoutNamesTest {

    private static LibraryRecords linked(String... names) {
        return new LibraryRecords(List.of(names).stream()
                .map(name -> new Manifest.Static("world", name, 0x4010, 8)).toList(), List.of());
    }

    private static List<String> names(LibraryRecords records) {
        return records.statics().stream().map(Manifest.Static::name).toList();
    }

    @Test
    void aStaticWhoseLayoutChangedGetsTheGenerationsMarkAndKeepsIt() {
        var fifth = StaticLayoutNames.named(linked("tally", "calls.0"), linked("tally", "calls.0").statics(),
                Set.of("tally"), 5);
        assertEquals(List.of("tally@g5", "calls.0"), names(fifth));

        var sixth = StaticLayoutNames.named(linked("tally", "calls.0"), fifth.statics(), Set.of(), 6);
        assertEquals(List.of("tally@g5", "calls.0"), names(sixth), "unchanged since: the same name, kept by the runtime");

        var seventh = StaticLayoutNames.named(linked("tally", "calls.0", "fresh"), sixth.statics(),
                Set.of("tally", "calls.0"), 7);
        assertEquals(List.of("tally@g7", "calls.0@g7", "fresh"), names(seventh));
    }

    @Test
    void aModuleWithoutAPreviousVersionKeepsTheSymtabNames() {
        var first = linked("tally");
        assertEquals(first, StaticLayoutNames.named(first, List.of(), Set.of("tally"), 2));
    }

    @Test
    void theDeclaredNameIsTheSymtabName() {
        assertEquals("tally", StaticLayoutNames.declared("tally@g12"));
        assertEquals("calls.0", StaticLayoutNames.declared("calls.0@g3"));
        assertEquals("calls.0", StaticLayoutNames.declared("calls.0"));
        assertEquals("odd@g", StaticLayoutNames.declared("odd@g"));
    }
}
