package hcr.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Optional;

/**
 * Turns hcr.toml ({@link HcrToml.Parsed}) into a {@link ProgramModel}: globs expanded against the
 * files on disk now, the compile database read, pkg-config asked, every module's flags put
 * together (the common flags, {@code -I} and {@code -D} from {@code include_dirs} and
 * {@code defines}, pkg-config's cflags, then the module's own) and filtered by
 * {@link FlagPolicy}. Each problem is reported at the key that caused it.
 */
final class ModelResolver {
    private final HcrToml.Parsed parsed;
    private final ProjectFile file;
    private final Path root;
    private final Path buildDir;
    private final List<DroppedFlag> dropped = new ArrayList<>();

    private final PkgConfig pkgConfig;

    ModelResolver(HcrToml.Parsed parsed, Path buildDir, PkgConfig pkgConfig) {
        this.pkgConfig = pkgConfig;
        this.parsed = parsed;
        this.file = parsed.project();
        this.root = parsed.file().toAbsolutePath().getParent().normalize();
        this.buildDir = buildDir.toAbsolutePath().normalize();
    }

    ProgramModel resolve() throws ModelException {
        PkgConfig.Flags packages;
        try {
            packages = pkgConfig.of(file.pkgConfig());
        } catch (IllegalStateException e) {
            throw parsed.error("/build/pkg_config", "[build] pkg_config: " + e.getMessage());
        }
        var common = new ArrayList<>(file.flags());
        file.includeDirs().forEach(dir -> common.add("-I" + root.resolve(dir).normalize()));
        file.defines().forEach(define -> common.add("-D" + define));
        common.addAll(packages.cflags());
        var commonFlags = FlagPolicy.compileFlags(common, null);
        commonFlags.dropped().forEach(this::drop);
        var buildDirectory = file.buildDirectory().map(d -> root.resolve(d).normalize()).orElse(root);
        if (!Files.isDirectory(buildDirectory)) {
            throw parsed.error("/build/directory", "[build] directory: " + buildDirectory + " is not a directory");
        }
        var excluded = matchers(file.exclude());
        var modules = new LinkedHashMap<Path, ModuleSource>();
        var definition = new ArrayList<Path>();
        definition.add(parsed.file().toAbsolutePath().normalize());
        String cc = file.cc().orElse(null);
        if (file.compileDatabase().isPresent()) {
            var database = root.resolve(file.compileDatabase().get()).normalize();
            definition.add(database);
            List<CompileDatabase.Entry> entries;
            try {
                entries = CompileDatabase.read(database);
            } catch (ModelException e) {
                throw parsed.error("/build/compile_database", "[build] compile_database: " + e.getMessage());
            }
            if (cc == null) {
                cc = CompileDatabase.commonCompiler(entries);
            }
            for (var entry : entries) {
                if (!isExcluded(excluded, entry.source())) {
                    var own = FlagPolicy.compileFlags(entry.arguments(), null);
                    modules.put(entry.source(), module(entry.source(), entry.directory(), commonFlags, own));
                }
            }
        }
        int index = 0;
        for (var pattern : file.sources()) {
            var found = expand(pattern);
            if (found.isEmpty()) {
                throw parsed.error("/build/sources", "[build] sources: '" + pattern + "' matches no file under " + root);
            }
            for (var source : found) {
                if (!isExcluded(excluded, source)) {
                    modules.putIfAbsent(source, module(source, buildDirectory, commonFlags, FlagPolicy.compileFlags(List.of(), null)));
                }
            }
        }
        for (var entry : file.modules()) {
            var at = "/module/" + index++;
            var source = root.resolve(entry.source()).normalize();
            if (!Files.isRegularFile(source)) {
                throw parsed.error(at + "/source", "[[module]] source: " + entry.source() + ": no such file");
            }
            var directory = entry.directory().map(d -> root.resolve(d).normalize()).orElse(buildDirectory);
            if (!Files.isDirectory(directory)) {
                throw parsed.error(at + "/directory", "[[module]] directory: " + directory + " is not a directory");
            }
            modules.put(source, module(source, directory, commonFlags, FlagPolicy.compileFlags(entry.flags(), null)));
        }
        if (modules.isEmpty()) {
            throw parsed.error("/build", "no modules: hcr.toml names no sources ([build] sources, compile_database or"
                    + " [[module]] entries), or excludes them all");
        }
        var links = new ArrayList<>(file.link());
        links.addAll(packages.libs());
        var link = FlagPolicy.linkInputs(links);
        link.dropped().forEach(this::drop);
        var runDirectory = file.runDirectory().map(d -> root.resolve(d).normalize());
        if (runDirectory.isPresent() && !Files.isDirectory(runDirectory.get())) {
            throw parsed.error("/program/directory", "[program] directory: " + runDirectory.get() + " is not a directory");
        }
        file.dropped().forEach(this::drop);
        return new ProgramModel(root, ProgramModel.Origin.HCR_TOML, file.name(), Optional.ofNullable(cc),
                List.copyOf(modules.values()), absolute(link.kept()), file.args(), runDirectory, file.env(),
                dropped, definition);
    }

    private ModuleSource module(Path source, Path directory, FlagPolicy.Filtered common, FlagPolicy.Filtered own) {
        own.dropped().forEach(this::drop);
        var flags = new ArrayList<>(common.kept());
        flags.addAll(own.kept());
        return new ModuleSource(source, directory, flags);
    }

    private void drop(DroppedFlag flag) {
        DroppedFlag.addOnce(dropped, flag);
    }

    /** Link inputs with paths made absolute against the root: {@code -Llib}, {@code lib/libx.a}. */
    private List<String> absolute(List<String> inputs) {
        var out = new ArrayList<String>();
        for (var input : inputs) {
            if (input.startsWith("-L") && input.length() > 2) {
                out.add("-L" + root.resolve(input.substring(2)).normalize());
            } else if (!input.startsWith("-") && (input.contains("/") || input.endsWith(".a") || input.contains(".so"))) {
                out.add(root.resolve(input).normalize().toString());
            } else {
                out.add(input);
            }
        }
        return out;
    }

    private List<PathMatcher> matchers(List<String> patterns) {
        var fs = FileSystems.getDefault();
        return patterns.stream().map(p -> fs.getPathMatcher("glob:" + p)).toList();
    }

    private boolean isExcluded(List<PathMatcher> excluded, Path source) {
        if (!source.startsWith(root)) {
            return false;
        }
        var relative = root.relativize(source);
        return excluded.stream().anyMatch(m -> m.matches(relative));
    }

    /** The C files a {@code sources} entry names: one file, or every file a glob matches. */
    private List<Path> expand(String pattern) {
        if (!ProjectFile.isGlob(pattern)) {
            var file = root.resolve(pattern).normalize();
            return Files.isRegularFile(file) ? List.of(file) : List.of();
        }
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        var found = new ArrayList<Path>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    var name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(root) && (name.startsWith(".") || dir.equals(buildDir))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && matcher.matches(root.relativize(path))) {
                        found.add(path);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path path, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        return found;
    }


}
