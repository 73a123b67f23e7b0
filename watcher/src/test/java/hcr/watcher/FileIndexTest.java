package hcr.watcher;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** From touched paths (or a full rescan) to net changes, against real files. No watching here. */
class FileIndexTest {

    @TempDir
    Path root;

    private final List<WatchError> errors = new ArrayList<>();
    private FileIndex index;
    private Path main;
    private Path util;
    private Path header;

    @BeforeEach
    void indexATree() throws IOException {
        main = write("main.c", "int main;");
        util = write("lib/util.c", "int util;");
        header = write("lib/util.h", "extern int util;");
        write(".hcr/gen/1/libmain.so", "binary");
        var tree = new SourceTree(new IgnoreRules(root, WatchOptions.defaults()), errors::add);
        index = new FileIndex(tree);
        index.rescan(root);
    }

    private Path write(String relative, String text) throws IOException {
        var file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void theIndexHoldsTheFilesButNotTheIgnoredOnes() {
        assertEquals(3, index.size());
        assertEquals(List.of(), errors);
    }

    @Test
    void aTouchedFolderThatIsGoneYieldsItsFiles() throws IOException {
        Files.move(root.resolve("lib"), root.resolve(".hcr/moved-away"));

        var changes = index.settle(Set.of(root.resolve("lib")));

        assertEquals(Set.of(util, header), changes.deleted());
        assertEquals(Set.of(), changes.created());
        assertEquals(Set.of(), changes.modified());
    }

    @Test
    void aTouchedFolderYieldsItsNewFilesOnly() throws IOException {
        var added = write("lib/extra.c", "int extra;");

        var changes = index.settle(Set.of(root.resolve("lib")));

        assertEquals(new FileChanges(Set.of(added), Set.of(), Set.of()), changes);
    }

    @Test
    void aFileReplacedByAFolderIsDeletedAndItsContentCreated() throws IOException {
        Files.delete(main);
        var inside = write("main.c/inner.c", "surprise");

        var changes = index.settle(Set.of(main));

        assertEquals(new FileChanges(Set.of(inside), Set.of(), Set.of(main)), changes);
    }

    @Test
    void aSiblingWithTheSamePrefixIsNotInsideTheFolder() throws IOException {
        var sibling = write("lib-old/util.c", "old");
        index.rescan(root);
        Files.move(root.resolve("lib"), root.resolve(".hcr/gone"));

        var changes = index.settle(Set.of(root.resolve("lib")));

        assertEquals(new FileChanges(Set.of(), Set.of(), Set.of(util, header)), changes);
        assertEquals(2, index.size(), "main.c and " + sibling + " remain");
    }

    @Test
    void rescanReportsOnlyWhatChangedOnDisk() throws IOException {
        Files.writeString(util, "int util = 42; // longer");
        var temp = write("lib/util.h.tmp", "extern int util; // replaced");
        Files.move(temp, header, REPLACE_EXISTING);
        var created = write("new.c", "int fresh;");
        Files.setLastModifiedTime(main, Files.getLastModifiedTime(main)); // same stamp: untouched

        var changes = index.rescan(root);

        assertEquals(new FileChanges(Set.of(created), Set.of(util, header), Set.of()), changes);
        assertEquals(new FileChanges(Set.of(), Set.of(), Set.of()), index.rescan(root), "a second rescan finds nothing");
    }

    @Test
    void rescanSeesAChangeOfTimeAloneAndDeletions() throws IOException {
        Files.setLastModifiedTime(main, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        Files.delete(util);

        var changes = index.rescan(root);

        assertEquals(new FileChanges(Set.of(), Set.of(main), Set.of(util)), changes);
    }

    @Test
    void rescanOfAVanishedRootDeletesEverything() throws IOException {
        FileUtils.deleteDirectory(root.toFile());

        var changes = index.rescan(root);

        assertEquals(new FileChanges(Set.of(), Set.of(), Set.of(main, util, header)), changes);
        assertEquals(0, index.size());
        assertEquals(List.of(), errors, "a missing root is not an error of the walk");
        Files.createDirectory(root);
    }
}
