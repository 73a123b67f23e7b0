package hcr.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny stand-in for the runtime, in C (it defines what stub libraries need: the trap and
 * {@code hcr_export_global}, answering {@code hcr.<name>}): loads a published generation's group library with
 * {@code RTLD_NOW | RTLD_GLOBAL}, points every stub slot of the manifest's functions at the
 * module's own definition, then calls the named {@code int f(void)} functions through their
 * stubs and prints {@code f=<value>}; or, given {@code --main args}, runs the program's main
 * through its stub. Proves the libraries of a generation load together and
 * link names, stubs and slots fit.
 */
final class LoadCheck {
    private static final String DRIVER = """
            #include <dlfcn.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>

            void hcr_trap_removed(const char *cname) { fprintf(stderr, "trap %s\\n", cname); abort(); }
            void *hcr_export_global(const char *cname) {
                char link[600];
                snprintf(link, sizeof link, "hcr.%s", cname);
                return dlsym(RTLD_DEFAULT, link);
            }
            void hcr_reload_point(void) {}
            int hcrReloadNeeded(void) { return 0; }
            int hcrHasModuleChanged(const char *m) { (void)m; return 0; }

            int main(int argc, char **argv) {
                char path[4096], line[1024], group[512] = "";
                snprintf(path, sizeof path, "%s/manifest", argv[1]);
                FILE *manifest = fopen(path, "r");
                if (!manifest) { perror(path); return 3; }
                while (fgets(line, sizeof line, manifest)) {
                    if (sscanf(line, "group %511s", group) == 1) break;
                }
                snprintf(path, sizeof path, "%s/%s", argv[1], group);
                void *g = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
                if (!g) { printf("dlopen failed: %s\\n", dlerror()); return 2; }
                rewind(manifest);
                char id[512], file[512], state[64], cname[512], link[512];
                char files[256][512], ids[256][512];
                int modules = 0;
                while (fgets(line, sizeof line, manifest)) {
                    if (sscanf(line, "module %511s %511s %63s", id, file, state) == 3 && modules < 256) {
                        strcpy(ids[modules], id); strcpy(files[modules], file); modules++;
                    } else if (sscanf(line, "func %511s %511s %511s", id, cname, link) == 3) {
                        void *h = 0;
                        for (int i = 0; i < modules; i++) {
                            if (strcmp(ids[i], id) == 0) {
                                snprintf(path, sizeof path, "%s/%s", argv[1], files[i]);
                                h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
                            }
                        }
                        if (!h) { printf("module %s of %s not loaded\\n", id, cname); return 4; }
                        void *code = dlsym(h, link);
                        char slotname[600];
                        snprintf(slotname, sizeof slotname, "hcrslot.%s", link + 4);
                        void **slot = dlsym(g, slotname);
                        if (!code || !slot) { printf("missing %s or %s\\n", link, slotname); return 5; }
                        *slot = code;
                    }
                }
                if (argc > 2 && strcmp(argv[2], "--main") == 0) {
                    int (*program)(int, char **) = (int (*)(int, char **)) dlsym(g, "hcr.main");
                    if (!program) { printf("no stub hcr.main\\n"); return 6; }
                    argv[2] = "prog";
                    int status = program(argc - 2, argv + 2);
                    fflush(stdout);
                    return status;
                }
                for (int i = 2; i < argc; i++) {
                    snprintf(path, sizeof path, "hcr.%s", argv[i]);
                    int (*f)(void) = (int (*)(void)) dlsym(g, path);
                    if (!f) { printf("no stub %s\\n", path); return 6; }
                    printf("%s=%d\\n", argv[i], f());
                }
                return 0;
            }
            """;

    private final Path executable;

    /** Compiles the driver into {@code dir}. */
    LoadCheck(Path dir) {
        try {
            Files.createDirectories(dir);
            var source = dir.resolve("loadcheck.c");
            Files.writeString(source, DRIVER);
            executable = dir.resolve("loadcheck");
            var result = Subprocess.run(List.of("gcc", "-rdynamic", "-o", executable.toString(), source.toString(), "-ldl"), dir);
            if (!result.ok()) {
                throw new AssertionError("cannot build the load check driver:\n" + result.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the generation and runs the program's {@code main} with {@code args}; returns what it printed. */
    String runMain(Path generationDir, String... args) {
        var all = new ArrayList<>(List.of("--main"));
        all.addAll(List.of(args));
        return run(generationDir, all.toArray(String[]::new));
    }

    /** Loads the generation, calls the functions; returns the output, failing on a non-zero exit. */
    String run(Path generationDir, String... functions) {
        var command = new ArrayList<>(List.of(executable.toString(), generationDir.toString()));
        command.addAll(List.of(functions));
        try {
            var result = Subprocess.run(command, generationDir);
            if (!result.ok()) {
                throw new AssertionError("loading " + generationDir + " failed (exit " + result.exitCode() + "):\n"
                        + result.output());
            }
            return result.output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
