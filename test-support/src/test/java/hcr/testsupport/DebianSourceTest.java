package hcr.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Real downloads from Debian's mirror (Lua 5.4.4, the package the real-program tests use: a
 * few hundred KB), through the real apt-get, dpkg-source and tar.
 */
class DebianSourceTest {

    @TempDir
    Path dir;

    @Test
    void upstreamIsTheOrigTarballUnpackedAfreshEachTime() throws IOException {
        var first = DebianSource.upstream("lua5.4", "5.4.4", dir.resolve("a"));
        var second = DebianSource.upstream("lua5.4", "5.4.4", dir.resolve("b"));

        assertEquals("lua-5.4.4", first.getFileName().toString());
        assertTrue(first.startsWith(dir.resolve("a")), first.toString());
        for (var file : List.of("Makefile", "src/Makefile", "src/lauxlib.c", "src/lmathlib.c", "src/luaconf.h")) {
            assertTrue(Files.isRegularFile(first.resolve(file)), file);
        }
        assertFalse(Files.exists(first.resolve("debian")), "the upstream release has no debian/ folder");

        assertNotEquals(first, second);
        Files.writeString(first.resolve("src/lauxlib.c"), "edited by the test\n");
        assertNotEquals("edited by the test\n", Files.readString(second.resolve("src/lauxlib.c")),
                "each call unpacks its own copy");
    }

    @Test
    void theTwoArgumentFormUnpacksIntoANewTemporaryDirectory() {
        var root = DebianSource.upstream("lua5.4", "5.4.4");
        assertEquals("lua-5.4.4", root.getFileName().toString());
        assertTrue(root.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), root.toString());
        assertTrue(Files.isRegularFile(root.resolve("src/lua.c")));
    }

    @Test
    void downloadsOnceThenUnpacksFromItsCacheWithoutApt() throws IOException {
        var cache = dir.resolve("cache");
        var source = new DebianSource(cache, List.of());
        var root = source.unpackUpstream("lua5.4", "5.4.4", Files.createDirectories(dir.resolve("one")));
        assertEquals("lua-5.4.4", root.getFileName().toString());

        var downloads = folders(cache);
        assertEquals(1, downloads.size(), downloads.toString());
        assertTrue(downloads.get(0).startsWith("lua5.4_5.4.4-"), downloads.toString());
        var files = names(cache.resolve(downloads.get(0)));
        assertTrue(files.contains("lua5.4_5.4.4.orig.tar.gz"), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.endsWith(".dsc")), files.toString());

        // the same cache with an apt that has no sources at all: served from the cache
        var offline = new DebianSource(cache, noSources());
        var again = offline.unpackUpstream("lua5.4", "5.4.4", Files.createDirectories(dir.resolve("two")));
        assertTrue(Files.isRegularFile(again.resolve("src/lapi.c")));
        assertEquals(downloads, folders(cache));
    }

    @Test
    void patchedIsDebiansTreeWithItsPatchesApplied() throws IOException {
        var upstream = DebianSource.upstream("lua5.4", "5.4.4", dir.resolve("upstream"));
        var patched = DebianSource.patched("lua5.4", "5.4.4", dir.resolve("patched"));

        assertTrue(Files.isRegularFile(patched.resolve("debian/patches/series")));
        assertTrue(Files.isRegularFile(patched.resolve("src/lauxlib.c")));
        // debian/patches/0002-lua-modules-paths.patch changes the module search paths
        assertNotEquals(Files.readString(upstream.resolve("src/luaconf.h")),
                Files.readString(patched.resolve("src/luaconf.h")));
        assertEquals(Files.readString(upstream.resolve("src/lauxlib.c")),
                Files.readString(patched.resolve("src/lauxlib.c")));
    }

    @Test
    void withoutADebSrcLineTheTestFailsSayingRunTestsAddsIt() {
        var source = new DebianSource(dir.resolve("empty-cache"), noSources());
        var error = assertThrows(AssertionFailedError.class,
                () -> source.unpackUpstream("lua5.4", "5.4.4", dir));
        assertTrue(error.getMessage().contains("deb-src"), error.getMessage());
        assertTrue(error.getMessage().contains("run-tests (which .ci/run calls) adds"), error.getMessage());
        assertTrue(error.getMessage().contains("You must put some 'deb-src' URIs"), error.getMessage());
    }

    @Test
    void aVersionAptDoesNotOfferIsNamedWithTheOnesItDoes() {
        var source = new DebianSource(dir.resolve("cache"), List.of());
        var error = assertThrows(AssertionFailedError.class, () -> source.download("lua5.4", "9.9.9", false));
        assertTrue(error.getMessage().startsWith("apt offers lua5.4 only at 5.4.4-"), error.getMessage());
        assertTrue(error.getMessage().endsWith("not at upstream version 9.9.9"), error.getMessage());
    }

    @Test
    void anUnknownPackageIsNamed() {
        var source = new DebianSource(dir.resolve("cache"), List.of());
        var error = assertThrows(AssertionFailedError.class,
                () -> source.download("hcr-no-such-source-package", "1.0", false));
        assertTrue(error.getMessage().startsWith("apt knows no source package hcr-no-such-source-package"),
                error.getMessage());
    }

    @Test
    void namesThatAreNotDebianNamesAreRefused() {
        var source = new DebianSource(dir.resolve("cache"), List.of());
        assertThrows(IllegalArgumentException.class, () -> source.download("lua5.4; rm -rf /", "5.4.4", false));
        assertThrows(IllegalArgumentException.class, () -> source.download("lua5.4", "../5.4.4", false));
    }

    @Test
    void theSecondRealProgramUnpacksUnderItsOwnRootName() {
        // rtl-433 (SCENARIOS.md R2): the source package's name is not its tarball's root
        var root = DebianSource.upstream("rtl-433", "22.11", dir);
        assertEquals("rtl_433-22.11", root.getFileName().toString());
        assertTrue(Files.isRegularFile(root.resolve("CMakeLists.txt")));
        assertTrue(Files.isRegularFile(root.resolve("src/decoder_util.c")));
    }

    @Test
    void showsrcParagraphsOfOtherPackagesAreIgnored() {
        var output = String.join("\n",
                "Package: lua5.4",
                "Binary: lua5.4, liblua5.4-dev",
                "Version: 5.4.4-3+deb12u1",
                "Checksums-Sha256:",
                " d47c5015 2120 lua5.4_5.4.4-3+deb12u1.dsc",
                " 164c7849 360876 lua5.4_5.4.4.orig.tar.gz",
                "Directory: pool/main/l/lua5.4",
                "",
                "Package: lua5.3",
                "Version: 5.3.6-2",
                "",
                "Package: lua5.4",
                "Version: 5.4.4-3",
                "");
        var records = DebianSource.parseShowsrc("lua5.4", output);
        assertEquals(List.of("5.4.4-3+deb12u1", "5.4.4-3"),
                records.stream().map(DebianSource.SourceRecord::version).collect(Collectors.toList()));
        assertEquals("164c7849", records.get(0).sha256().get("lua5.4_5.4.4.orig.tar.gz"));
        assertEquals(2, records.get(0).sha256().size());
    }

    @Test
    void upstreamVersionDropsEpochAndDebianRevision() {
        assertEquals("5.4.4", DebianSource.upstreamOf("5.4.4-3+deb12u1"));
        assertEquals("1.2.13.dfsg", DebianSource.upstreamOf("1:1.2.13.dfsg-1"));
        assertEquals("0.29-1", DebianSource.upstreamOf("0.29-1-2"));
        assertEquals("1.0", DebianSource.upstreamOf("1.0"));
    }

    /** apt options for a machine whose apt has no sources at all (so no deb-src line). */
    private List<String> noSources() {
        try {
            var parts = Files.createDirectories(dir.resolve("no-sources.d"));
            var list = Files.writeString(dir.resolve("no-sources.list"), "");
            return List.of("Dir::Etc::SourceParts=" + parts, "Dir::Etc::SourceList=" + list);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> folders(Path cache) throws IOException {
        try (var entries = Files.list(cache)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
