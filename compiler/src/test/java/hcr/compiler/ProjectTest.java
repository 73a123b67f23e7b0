package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {
    @TempDir
    Path dir;

    @Test
    void everyCFileOutsideBuildGitAndDotFoldersIsAModule() throws Exception {
        new ProjectFiles(dir).write("main.c", "").write("physics/body.c", "").write("physics/body.h", "")
                .write(".hcr/state/x.c", "").write(".git/y.c", "").write(".cache/z.c", "").write("out/gen.c", "")
                .write("notes.txt", "").write("a.cc", "");

        var project = Project.scan(dir, dir.resolve("out"));

        var defaults = List.of("-O0", "-I" + dir, "-I" + dir.resolve("include"));
        assertEquals(List.of(new SourceModule("main", dir.resolve("main.c"), dir, defaults),
                new SourceModule("physics/body", dir.resolve("physics/body.c"), dir, defaults)), project.modules());
        assertEquals("physics__body", project.modules().get(1).stem());
        assertEquals("libphysics__body.g7.so", project.modules().get(1).library(7));
    }

    @Test
    void namesThatCannotBeModulesAreRejectedWithTheFile() {
        new ProjectFiles(dir).write("a/b.c", "").write("a__b.c", "");
        var clash = assertThrows(ProjectException.class, () -> Project.scan(dir, dir.resolve(".hcr")));
        assertEquals("a/b.c and a__b.c both map to the library name liba__b; rename one of them", clash.getMessage());

        new ProjectFiles(dir).delete("a__b.c").write("my file.c", "");
        var space = assertThrows(ProjectException.class, () -> Project.scan(dir, dir.resolve(".hcr")));
        assertEquals("my file.c: a module's path cannot contain white space; rename the file or its folder",
                space.getMessage());
    }
}
