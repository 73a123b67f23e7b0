package hcr.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hcr.toml read, written and resolved; every malformed input named by file, line and key. */
class HcrTomlTest {
    @TempDir
    Path dir;

    private String error(String text) throws Exception {
        var file = dir.resolve("hcr.toml");
        Files.writeString(file, text);
        return assertThrows(ModelException.class, () -> ProgramModels.load(dir, dir.resolve(".hcr"))).getMessage();
    }

    @Test
    void malformedFilesAreNamedByLineAndKey() throws Exception {
        var toml = dir.resolve("hcr.toml");
        assertEquals(toml + ":3: TOML syntax error: Unknown token",
                error("[build]\nsources = [\"a.c\"]\nflags = = 1\n").replaceAll("(Unknown token).*", "$1"));
        assertEquals(toml + ":3: [build] flagz: unknown key (known: cc, compile_database, directory, sources, exclude,"
                + " flags, include_dirs, defines, pkg_config, link)", error("[build]\nsources = [\"a.c\"]\nflagz = []\n"));
        assertEquals(toml + ":4: [program] args: must be a list of strings, like args = [\"...\"]",
                error("[build]\nsources = [\"a.c\"]\n[program]\nargs = \"x\"\n"));
        assertEquals(toml + ":1: colour: unknown table or key (known: [program], [build], [[module]], [[dropped]])",
                error("colour = 1\n"));
        assertEquals(toml + ":5: [[module]] flgs: unknown key (known: source, directory, flags)",
                error("[[module]]\nsource = \"a.c\"\n\n[[module]]\nflgs = []\n"));
        assertEquals(toml + ":2: [build] flags: must be a list of strings; 3 is not a string",
                error("[build]\nflags = [\"-O2\", 3]\n"));
    }

    @Test
    void valuesThatNameNothingAreNamedByLineAndKey() throws Exception {
        Files.writeString(dir.resolve("a.c"), "int a;\n");
        var toml = dir.resolve("hcr.toml");
        assertEquals(toml + ":3: [build] sources: 'src/*.c' matches no file under " + dir,
                error("[build]\n# the sources\nsources = [\"a.c\", \"src/*.c\"]\n"));
        assertEquals(toml + ":3: [[module]] source: b.c: no such file",
                error("[build]\n[[module]]\nsource = \"b.c\"\n"));
        assertTrue(error("[build]\nsources = [\"a.c\"]\npkg_config = [\"hcr-no-such-package\"]\n")
                .startsWith(toml + ":3: [build] pkg_config: package 'hcr-no-such-package' is not installed (pkg-config: "));
        assertEquals(toml + ":1: no modules: hcr.toml names no sources ([build] sources, compile_database or"
                + " [[module]] entries), or excludes them all", error("[build]\nsources = [\"*.c\"]\nexclude = [\"a.c\"]\n"));
    }

    @Test
    void aHandWrittenFileBecomesModulesWithTheirFlagsAndLinkInputs() throws Exception {
        Files.createDirectories(dir.resolve("src/sub"));
        for (var name : List.of("src/a.c", "src/sub/b.c", "src/win.c", "extra.c")) {
            Files.writeString(dir.resolve(name), "\n");
        }
        Files.writeString(dir.resolve("hcr.toml"), """
                [program]
                name = "tool"
                args = ["--fast"]
                directory = "src"
                env = { MODE = "dev" }

                [build]
                cc = "gcc"
                sources = ["src/**.c"]
                exclude = ["src/win.c"]
                flags = ["-O2", "-flto", "-fvisibility=hidden"]
                include_dirs = ["include"]
                defines = ["A=1"]
                link = ["-lm", "-Llib", "vendor/libv.a", "-Wl,--gc-sections", "-static"]

                [[module]]
                source = "extra.c"
                directory = "src"
                flags = ["-DEXTRA", "-fPIE"]
                """);
        var model = ProgramModels.load(dir, dir.resolve(".hcr"));
        assertEquals(ProgramModel.Origin.HCR_TOML, model.origin());
        assertEquals(Optional.of("tool"), model.name());
        assertEquals(Optional.of("gcc"), model.cc());
        assertEquals(List.of("--fast"), model.programArgs());
        assertEquals(Optional.of(dir.resolve("src")), model.workingDir());
        assertEquals(Map.of("MODE", "dev"), model.environment());
        var common = List.of("-O2", "-I" + dir.resolve("include"), "-DA=1");
        assertEquals(List.of(new ModuleSource(dir.resolve("src/a.c"), dir, common),
                new ModuleSource(dir.resolve("src/sub/b.c"), dir, common),
                new ModuleSource(dir.resolve("extra.c"), dir.resolve("src"),
                        List.of("-O2", "-I" + dir.resolve("include"), "-DA=1", "-DEXTRA"))), model.modules());
        assertEquals(List.of("-lm", "-L" + dir.resolve("lib"), dir.resolve("vendor/libv.a").toString()), model.linkInputs());
        assertEquals(List.of("-flto", "-fvisibility=hidden", "-fPIE", "-Wl,--gc-sections", "-static"),
                model.dropped().stream().map(DroppedFlag::flag).toList());
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws Exception {
        var project = ProjectFile.empty().withName("lua").withCc("gcc").withBuildDirectory("src")
                .withSources(List.of("src/lapi.c", "src/lcode.c")).withFlags(List.of("-std=gnu99", "-DX=\"a b\"", "-O2"))
                .withLink(List.of("-lm", "-Wl,-E", "-ldl"))
                .withModules(List.of(new ProjectFile.Module("src/lua.c", Optional.of("src"), List.of("-DMAIN"))))
                .withDropped(List.of(new DroppedFlag("-flto", "link-time \"optimisation\"")));
        var text = HcrToml.write(project, List.of("Written by hcr init from `make linux`."));
        assertTrue(text.startsWith("# hcr.toml: "), text);
        assertEquals(project, HcrToml.parse(dir.resolve("hcr.toml"), text).project());
    }

    @Test
    void aCompileDatabaseAtTheRootIsTheModelWhenThereIsNoHcrToml() throws Exception {
        Files.writeString(dir.resolve("m.c"), "\n");
        Files.writeString(dir.resolve("x.cpp"), "\n");
        Files.writeString(dir.resolve("compile_commands.json"), """
                [{"directory": "%1$s", "file": "m.c", "command": "gcc -DNAME='\\"a b\\"' -O1 -MD -MF m.d -c m.c -o m.o"},
                 {"directory": "%1$s", "file": "x.cpp", "command": "g++ -c x.cpp"},
                 {"directory": "%1$s", "file": "m.c", "command": "gcc -fPIC -c m.c -o .libs/m.o"}]
                """.formatted(dir));
        var model = ProgramModels.load(dir, dir.resolve(".hcr"));
        assertEquals(ProgramModel.Origin.COMPILE_DATABASE, model.origin());
        assertEquals(List.of(new ModuleSource(dir.resolve("m.c"), dir, List.of("-DNAME=\"a b\"", "-O1"))), model.modules());
        assertEquals(Optional.of("gcc"), model.cc());
        Files.writeString(dir.resolve("compile_commands.json"), "[{\"file\": 1}]");
        assertEquals(dir.resolve("compile_commands.json") + ": entry 1: needs \"directory\" and \"file\"",
                assertThrows(ModelException.class, () -> ProgramModels.load(dir, dir.resolve(".hcr"))).getMessage());
    }

    @Test
    void aFolderWithoutDescriptionIsAFolder() throws Exception {
        assertTrue(ProgramModels.load(dir, dir.resolve(".hcr")).isFolder());
    }
}
