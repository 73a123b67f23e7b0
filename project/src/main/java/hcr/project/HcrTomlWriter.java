package hcr.project;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes a {@link ProjectFile} as hcr.toml: commented, one key a line, long lists one item a line. */
final class HcrTomlWriter {
    private static final int LINE = 100;

    private final ProjectFile project;
    private final List<String> header;
    private final StringBuilder out = new StringBuilder();

    HcrTomlWriter(ProjectFile project, List<String> header) {
        this.project = project;
        this.header = header;
    }

    String text() {
        comment("hcr.toml: the program hcr builds, runs and reloads (hcr dev, hcr run, hcr build, hcr smoke).");
        header.forEach(this::comment);
        comment("Paths are relative to this file's folder. A change here reaches a running `hcr dev`.");
        out.append('\n');
        out.append("[program]\n");
        value("name", project.name());
        if (project.args().isEmpty()) {
            out.append("# args = []          # the program's default arguments; `hcr dev -- ARGS` replaces them\n");
        } else {
            list("args", project.args());
        }
        if (project.runDirectory().isEmpty()) {
            out.append("# directory = \".\"    # where the program runs; default: where hcr is started\n");
        } else {
            value("directory", project.runDirectory());
        }
        env(project.env());
        out.append('\n');
        out.append("[build]\n");
        value("cc", project.cc());
        value("compile_database", project.compileDatabase());
        value("directory", project.buildDirectory());
        list("sources", project.sources());
        list("exclude", project.exclude());
        list("flags", project.flags());
        list("include_dirs", project.includeDirs());
        list("defines", project.defines());
        list("pkg_config", project.pkgConfig());
        list("link", project.link());
        for (var module : project.modules()) {
            out.append('\n').append("[[module]]\n");
            value("source", Optional.of(module.source()));
            value("directory", module.directory());
            list("flags", module.flags());
        }
        if (!project.dropped().isEmpty()) {
            out.append('\n');
            comment("Flags of the build left out because they cannot work with reloading (information only).");
            for (var dropped : project.dropped()) {
                out.append("[[dropped]]\n");
                value("flag", Optional.of(dropped.flag()));
                value("reason", Optional.of(dropped.reason()));
            }
        }
        return out.toString();
    }

    private void comment(String line) {
        out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }

    private void value(String key, Optional<String> value) {
        value.ifPresent(v -> out.append(key).append(" = ").append(quote(v)).append('\n'));
    }

    private void list(String key, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        var inline = new StringBuilder(key).append(" = [");
        for (int i = 0; i < values.size(); i++) {
            inline.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        inline.append(']');
        if (inline.length() <= LINE) {
            out.append(inline).append('\n');
            return;
        }
        out.append(key).append(" = [\n");
        for (var v : values) {
            out.append("  ").append(quote(v)).append(",\n");
        }
        out.append("]\n");
    }

    private void env(Map<String, String> env) {
        if (env.isEmpty()) {
            return;
        }
        out.append("env = { ");
        int i = 0;
        for (var entry : new java.util.TreeMap<>(env).entrySet()) {
            out.append(i++ == 0 ? "" : ", ").append(quote(entry.getKey())).append(" = ").append(quote(entry.getValue()));
        }
        out.append(" }\n");
    }

    /** A TOML basic string. */
    static String quote(String text) {
        var sb = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
