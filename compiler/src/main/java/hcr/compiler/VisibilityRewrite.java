package hcr.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compiles a module whose code declares symbols hidden from other libraries so that they are not.
 *
 * <p>Real projects mark their internal functions and tables
 * {@code __attribute__((visibility("hidden")))} or {@code "internal"} (Lua's {@code LUAI_FUNC}
 * and {@code LUAI_DDEC}, GLib's {@code G_GNUC_INTERNAL}), or wrap declarations in
 * {@code #pragma GCC visibility push(hidden)}. gcc then addresses such a symbol directly,
 * PC-relative, assuming it lives in the same library — which under hcr it does not: every
 * module is a library of its own, so the reference cannot be linked (and changing the symbol's
 * visibility in the object afterwards is too late for data). So such a module is preprocessed
 * ({@code cc -E}, with the module's own flags and a dependency file), every hidden, internal
 * or protected visibility in the preprocessed text is turned into {@code "default"}, and the
 * result is compiled as preprocessed C. The line markers of {@code -E} keep diagnostics on the
 * original file and line.
 *
 * <p>Preprocessing costs a few tens of milliseconds, so only modules that need it take this
 * path: those whose source or one of whose project headers (the last dependency file's, which
 * never lists system headers) mentions {@code visibility}.
 */
final class VisibilityRewrite {
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "(__)?visibility(__)?(\\s*\\(\\s*)\"(hidden|internal|protected)\"");
    private static final Pattern PRAGMA = Pattern.compile(
            "(#pragma\\s+GCC\\s+visibility\\s+push\\s*\\(\\s*)(hidden|internal|protected)(\\s*\\))");
    private final SourceMentions mentions = new SourceMentions("visibility");

    /** True when the source or one of {@code headers} mentions {@code visibility}. */
    boolean needed(Path source, List<Path> headers) throws IOException {
        return mentions.in(source, headers);
    }

    /**
     * Preprocesses, rewrites and compiles.
     *
     * @param command    the compile command without source and outputs ({@code cc -c <flags>})
     * @param source     the source as the command names it, relative to {@code workingDir}
     * @param preprocessed where the rewritten text goes
     */
    Subprocess.Result compile(List<String> command, String source, Path object, Path depFile, Path preprocessed,
                              Path workingDir) throws IOException {
        var cpp = new ArrayList<String>();
        for (var word : command) {
            if (!word.equals("-c")) {
                cpp.add(word);
            }
        }
        // -C keeps comments: gcc reads "/* FALLTHROUGH */" and the like from them, as in a plain compile
        cpp.addAll(List.of("-E", "-C", "-MMD", "-MF", depFile.toString(), source, "-o", preprocessed.toString()));
        var first = Subprocess.run(cpp, workingDir);
        if (!first.ok()) {
            return first;
        }
        Files.writeString(preprocessed, rewrite(Files.readString(preprocessed, StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1); // bytes kept as they are
        var cc = new ArrayList<>(command);
        cc.add(1, "-pipe");
        cc.addAll(List.of(preprocessed.toString(), "-o", object.toString()));
        var second = Subprocess.run(cc, workingDir);
        return new Subprocess.Result(second.command(), second.exitCode(), first.output() + second.output());
    }

    /** {@code text} with every hidden, internal or protected visibility made default. */
    static String rewrite(String text) {
        var attributes = ATTRIBUTE.matcher(text).replaceAll("$1visibility$2$3\"default\"");
        return PRAGMA.matcher(attributes).replaceAll("$1default$3");
    }
}
