package hcr.watcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IgnoreRulesTest {

    static final Path ROOT = Path.of("/work/project");
    final IgnoreRules rules = new IgnoreRules(ROOT, WatchOptions.defaults());

    @ParameterizedTest
    @ValueSource(strings = {
            ".hcr/gen/3/libmain.g3.so", ".hcr", ".git", ".git/HEAD", "vendor/zlib/.git/index",
            "src/.main.c.swp", "src/.main.c.swx", "src/.main.c.swo", "src/main.c~", "src/.#main.c",
            "src/#main.c#", "src/4913", "4913", "src/main.c.tmp", "main.c___jb_tmp___", "main.c___jb_old___"})
    void ignored(String relative) {
        assertTrue(rules.ignores(ROOT.resolve(relative)), relative);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "main.c", "src/main.c", "include/hcr.h", "Makefile", "src/.hidden.c", "src/4913.c",
            "src/hcr/gen.c", "src/.hcr/x.c", "src/git/x.c", ".github/ci.yml", "tmp/x.c", "swp.c"})
    void delivered(String relative) {
        assertFalse(rules.ignores(ROOT.resolve(relative)), relative);
    }

    @Test
    void theRootItselfIsNotIgnoredAndOutsideItEverythingIs() {
        assertFalse(rules.ignores(ROOT));
        assertFalse(rules.prunes(ROOT));
        assertTrue(rules.ignores(Path.of("/work/other/main.c")));
        assertTrue(rules.ignores(Path.of("/work/project-old/main.c")));
    }

    @Test
    void foldersArePrunedButEditorPatternsDoNotPruneFolders() {
        assertTrue(rules.prunes(ROOT.resolve(".hcr")));
        assertTrue(rules.prunes(ROOT.resolve("lib/.git")));
        assertFalse(rules.prunes(ROOT.resolve("backup~")));
        assertFalse(rules.prunes(ROOT.resolve("src")));
    }

    @Test
    void gitStaysIgnoredWhateverTheOptionsSayAndFoldersMayBeAbsolute() {
        var options = WatchOptions.defaults().withIgnoredFolders(Set.of(ROOT.resolve("build"), Path.of("out/")));
        var custom = new IgnoreRules(ROOT, options);
        assertTrue(custom.ignores(ROOT.resolve(".git/config")));
        assertTrue(custom.ignores(ROOT.resolve("build/main.o")));
        assertTrue(custom.ignores(ROOT.resolve("out/main.o")));
        assertFalse(custom.ignores(ROOT.resolve(".hcr/gen/1/libmain.so")));
        assertFalse(custom.ignores(ROOT.resolve("builder.c")));
    }
}
