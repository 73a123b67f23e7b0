package hcr.compiler.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestTest {
    @TempDir
    Path dir;

    private static final Manifest MANIFEST = new Manifest(5, "x86_64", "libhcrgroup.g5.so",
            List.of("libhcrstubs.1.so", "libhcrstubs.4.so"),
            List.of(new Manifest.Module("sim", "libsim.g5.so", "changed"),
                    new Manifest.Module("physics/body", "libphysics__body.g2.so", "kept"),
                    new Manifest.Module("m2", "libm2.g5.so", "new")),
            List.of("m1"),
            List.of(new Manifest.Function("sim", "step", "hcr.step"),
                    new Manifest.Function("m2", "y", "hcr.y.g4")),
            List.of(new Manifest.Global("sim", "counter", "hcr.counter", 4),
                    new Manifest.Global("physics/body", "a", "hcr.a.g5", 256)),
            List.of(new Manifest.Static("sim", "calls.0", 0x4010, 4),
                    new Manifest.Static("sim", "count", 0x400c, 8)),
            List.of(new Manifest.Uses("sim", List.of("physics/body")),
                    new Manifest.Uses("m2", List.of("sim", "physics/body"))),
            List.of(new Manifest.Hook("sim", "init", "setup", 0x3de8, 8),
                    new Manifest.Hook("sim", "state", "world", 0x3df0, 32),
                    new Manifest.Hook("m2", "after", "refresh__all", 0x3dd0, 8)));

    private static final String TEXT = """
            hcr-manifest 1
            generation 5
            arch x86_64
            group libhcrgroup.g5.so
            stubs libhcrstubs.1.so
            stubs libhcrstubs.4.so
            module sim libsim.g5.so changed
            module physics/body libphysics__body.g2.so kept
            module m2 libm2.g5.so new
            removed m1
            func sim step hcr.step
            func m2 y hcr.y.g4
            global sim counter hcr.counter 4
            global physics/body a hcr.a.g5 256
            static sim calls.0 0x4010 4
            static sim count 0x400c 8
            uses sim physics/body
            uses m2 physics/body sim
            hook sim init setup 0x3de8 8
            hook sim state world 0x3df0 32
            hook m2 after refresh__all 0x3dd0 8
            """;

    @Test
    void theTextIsTheContractLineByLine() throws IOException {
        var file = dir.resolve("manifest");

        MANIFEST.write(file);

        assertEquals(TEXT.lines().toList(), Files.readAllLines(file));
        assertEquals(TEXT, Files.readString(file), "one record a line, each ended by a newline");
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        var file = dir.resolve("manifest");

        MANIFEST.write(file);

        assertEquals(MANIFEST, Manifest.read(file));
    }

    @Test
    void commentsBlankLinesAndUnknownRecordsAreIgnored() throws IOException {
        var file = Files.writeString(dir.resolve("manifest"), "# written by hand\n" + TEXT.replace(
                "removed m1\n", "removed m1\n\nchecksum sim 0123abcd\n# func x y z\n"));

        assertEquals(MANIFEST, Manifest.read(file));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "generation 5|generation five|2|bad number",
            "module sim libsim.g5.so changed|module sim libsim.g5.so|7|'module' needs 3 fields, found 2",
            "module sim libsim.g5.so changed|module sim libsim.g5.so edited|7|state 'edited'",
            "static sim count 0x400c 8|static sim count 400c 8|16|not hexadecimal",
            "global sim counter hcr.counter 4|global sim  counter hcr.counter 4|13|empty field",
            "hcr-manifest 1|hcr-manifest 2|1|expected 'hcr-manifest 1'",
            "stubs libhcrstubs.1.so|arch aarch64|5|a second 'arch' record",
            "uses sim physics/body|uses sim|17|'uses' needs a module and at least one",
            "uses m2 physics/body sim|uses sim m2|18|a second 'uses' record for module 'sim'",
            "hook sim init setup 0x3de8 8|hook sim exit setup 0x3de8 8|19|hook kind 'exit'",
            "hook sim init setup 0x3de8 8|hook sim init setup 3de8 8|19|not hexadecimal",
            "hook sim init setup 0x3de8 8|hook sim init setup 0x3de8|19|'hook' needs 5 fields, found 4",
            "hook sim state world 0x3df0 32|hook sim init setup 0x3df0 8|20|a second 'init' hook 'setup' of module 'sim'",
    })
    void aMalformedLineIsReportedWithFileAndLine(String line, String replacement, int number, String message)
            throws IOException {
        var file = Files.writeString(dir.resolve("manifest"), TEXT.replace(line, replacement));

        var e = assertThrows(IOException.class, () -> Manifest.read(file));

        assertTrue(e.getMessage().startsWith(file + ":" + number + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void staticrefRecordsFollowTheStaticsAndRoundTrip() throws IOException {
        var file = dir.resolve("manifest");
        var withSites = new Manifest(5, MANIFEST.arch(), MANIFEST.group(), MANIFEST.stubs(), MANIFEST.modules(),
                MANIFEST.removed(), MANIFEST.functions(), MANIFEST.globals(),
                List.of(new Manifest.Static("sim", "calls.0", 0x4010, 4,
                                new Manifest.Sites(List.of(0x1131L, 0x1123L), List.of())),
                        new Manifest.Static("sim", "count", 0x400c, 8, new Manifest.Sites(List.of(), List.of(0x3de0L))),
                        new Manifest.Static("sim", "seen", 0x4018, 4)),
                MANIFEST.uses(), MANIFEST.hooks());

        withSites.write(file);

        var text = Files.readString(file);
        assertTrue(text.contains("""
                static sim calls.0 0x4010 4
                static sim count 0x400c 8
                static sim seen 0x4018 4
                staticref sim calls.0 0x1123,0x1131 -
                staticref sim count - 0x3de0
                uses sim physics/body
                """), text);
        assertEquals(withSites, Manifest.read(file));
    }

    @Test
    void entryRecordsComeLastAndRoundTrip() throws IOException {
        var file = dir.resolve("manifest");
        var entries = List.of(new Manifest.Entry("sim", "hcr.step", 0x1127),
                new Manifest.Entry("sim", "add.part.0", 0x1107),
                new Manifest.Entry("m2", "cmp", 0x1207));
        var withEntries = new Manifest(5, MANIFEST.arch(), MANIFEST.group(), MANIFEST.stubs(), MANIFEST.modules(),
                MANIFEST.removed(), MANIFEST.functions(), MANIFEST.globals(), MANIFEST.statics(), MANIFEST.uses(),
                MANIFEST.hooks(), null, entries);

        withEntries.write(file);

        assertEquals(TEXT + """
                entry sim hcr.step 0x1127
                entry sim add.part.0 0x1107
                entry m2 cmp 0x1207
                """, Files.readString(file));
        assertEquals(withEntries, Manifest.read(file));
        assertEquals(List.of(), MANIFEST.entries());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "entry sim add 0x1107;entry sim add 0x1127|a second entry 'add' of module 'sim'",
            "entry sim add 1107|not hexadecimal",
            "entry sim add|'entry' needs 3 fields, found 2",
    })
    void aMalformedEntryIsReported(String records, String message) throws IOException {
        var file = Files.writeString(dir.resolve("manifest"), TEXT + records.replace(";", "\n") + "\n");

        var e = assertThrows(IOException.class, () -> Manifest.read(file));

        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "staticref sim count 0x1123 -;staticref sim count - 0x3de0|a second 'staticref' of static 'count'",
            "staticref sim count 0x1123,1131 -|not hexadecimal",
            "staticref sim count 0x1123|'staticref' needs 4 fields, found 3",
            "staticref sim count 0x11g3 -|bad number",
    })
    void aMalformedStaticrefIsReported(String records, String message) throws IOException {
        var file = Files.writeString(dir.resolve("manifest"), TEXT.replace("uses sim physics/body\n",
                records.replace(";", "\n") + "\nuses sim physics/body\n"));

        var e = assertThrows(IOException.class, () -> Manifest.read(file));

        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void theDeltaRecordFollowsTheGroupAndRoundTrips() throws IOException {
        var file = dir.resolve("manifest");
        var withDelta = new Manifest(5, MANIFEST.arch(), MANIFEST.group(), MANIFEST.stubs(), MANIFEST.modules(),
                MANIFEST.removed(), MANIFEST.functions(), MANIFEST.globals(), MANIFEST.statics(), MANIFEST.uses(),
                MANIFEST.hooks(), new Manifest.Delta("libhcrdelta.g5.so", 4));

        withDelta.write(file);

        assertEquals(TEXT.replace("group libhcrgroup.g5.so\n", "group libhcrgroup.g5.so\ndelta libhcrdelta.g5.so 4\n"),
                Files.readString(file));
        assertEquals(withDelta, Manifest.read(file));
        assertEquals(null, MANIFEST.delta(), "optional");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "delta libhcrdelta.g5.so|'delta' needs 2 fields, found 1",
            "delta libhcrdelta.g5.so four|bad number",
            "delta libhcrdelta.g5.so 5|base generation 5 is not before generation 5",
            "delta libhcrdelta.g5.so 0|base generation 0",
            "delta libhcrdelta.g5.so 4;delta libhcrdelta.g5.so 4|a second 'delta' record",
    })
    void aMalformedDeltaIsReported(String records, String message) throws IOException {
        var file = Files.writeString(dir.resolve("manifest"), TEXT.replace("group libhcrgroup.g5.so\n",
                "group libhcrgroup.g5.so\n" + records.replace(";", "\n") + "\n"));

        var e = assertThrows(IOException.class, () -> Manifest.read(file));

        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aDeltaMustComeBeforeItsGeneration() {
        assertThrows(IllegalArgumentException.class, () -> new Manifest.Delta("libhcrdelta.g1.so", 0));
        assertThrows(IllegalArgumentException.class, () -> new Manifest(3, "x86_64", "libhcrgroup.g3.so", List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                new Manifest.Delta("libhcrdelta.g3.so", 3)));
    }

    @Test
    void usesAreSortedAndNeverEmpty() {
        assertEquals(List.of("a", "b", "c"), new Manifest.Uses("m", List.of("c", "a", "b", "a")).used());
        assertThrows(IllegalArgumentException.class, () -> new Manifest.Uses("m", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Manifest.Hook("m", "exit", "f", 0, 8));
    }

    @Test
    void theRecordOrderOfSectionSixHoldsWithoutUsesToo() throws IOException {
        var file = dir.resolve("manifest");
        var withoutUses = new Manifest(5, MANIFEST.arch(), MANIFEST.group(), MANIFEST.stubs(), MANIFEST.modules(),
                MANIFEST.removed(), MANIFEST.functions(), MANIFEST.globals(), MANIFEST.statics(), MANIFEST.hooks());

        withoutUses.write(file);

        assertEquals(TEXT.lines().filter(l -> !l.startsWith("uses ")).toList(), Files.readAllLines(file));
        assertEquals(withoutUses, Manifest.read(file));
    }

    @Test
    void aManifestWithoutAGroupIsRefused() throws IOException {
        var file = Files.writeString(dir.resolve("manifest"), TEXT.replace("group libhcrgroup.g5.so\n", ""));

        var e = assertThrows(IOException.class, () -> Manifest.read(file));

        assertEquals(file + ": no 'group' record", e.getMessage());
    }

    @Test
    void aFieldWithASpaceCannotBeWritten() {
        var bad = new Manifest(1, "x86_64", "libhcrgroup.g1.so", List.of(),
                List.of(new Manifest.Module("my module", "libmy module.g1.so", "new")),
                List.of(), List.of(), List.of(), List.of(), List.of());

        var e = assertThrows(IllegalArgumentException.class, () -> bad.write(dir.resolve("manifest")));

        assertTrue(e.getMessage().contains("my module"), e.getMessage());
    }

    @Test
    void anUnknownModuleStateCannotBeWritten() {
        var bad = new Manifest(1, "x86_64", "libhcrgroup.g1.so", List.of(),
                List.of(new Manifest.Module("sim", "libsim.g1.so", "edited")),
                List.of(), List.of(), List.of(), List.of(), List.of());

        assertThrows(IllegalArgumentException.class, () -> bad.write(dir.resolve("manifest")));
    }
}
