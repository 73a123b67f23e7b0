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
 * path on an edit: those whose source or one of whose project headers (the last dependency
 * file's, which never lists system headers) mentions {@code visibility}. A module's first
 * compile takes it too, because only the preprocessor tells which headers it includes; when
 * nothing was rewritten, the source itself is then compiled, so that objects and diagnostics
 * are exactly a plain compile's and no module is compiled twice.
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
     * Preprocesses {@code source} into {@code preprocessed} (comments kept: gcc reads
     * {@code /* FALLTHROUGH *}{@code /} and the like from them) with its dependency file, every
     * hidden, internal or protected visibility made default.
     *
     * @param command the compile command without source and outputs ({@code cc -c <flags>})
     * @param source  the source as the command names it, relative to {@code workingDir}
     */
    /** What {@link #preprocess} did: the preprocessor's result, and whether any visibility was rewritten. */
    record Preprocessed(Subprocess.Result result, boolean rewrote) {
        boolean ok() {
            return result.ok();
        }
    }

    Preprocessed preprocess(List<String> command, String source, Path depFile, Path preprocessed,
                            Path workingDir) throws IOException {
        var cpp = new ArrayList<String>();
        for (var word : command) {
            if (!word.equals("-c")) {
                cpp.add(word);
            }
        }
        cpp.addAll(List.of("-E", "-C", "-MMD", "-MF", depFile.toString(), source, "-o", preprocessed.toString()));
        var result = Subprocess.run(cpp, workingDir);
        if (!result.ok()) {
            return new Preprocessed(result, false);
        }
        var text = Files.readString(preprocessed, StandardCharsets.ISO_8859_1); // bytes kept as they are
        var rewritten = rewrite(text);
        if (rewritten.equals(text)) {
            return new Preprocessed(result, false);
        }
        Files.writeString(preprocessed, rewritten, StandardCharsets.ISO_8859_1);
        return new Preprocessed(result, true);
    }

    /** Compiles what {@link #preprocess} wrote. */
    Subprocess.Result compilePreprocessed(List<String> command, Path preprocessed, Path object, Path workingDir)
            throws IOException {
        var cc = new ArrayList<>(command);
        cc.add(1, "-pipe");
        cc.addAll(List.of(preprocessed.toString(), "-o", object.toString()));
        return Subprocess.run(cc, workingDir);
    }

    /** {@code text} with every hidden, internal or protected visibility made default. */
    static String rewrite(String text) {
        var attributes = ATTRIBUTE.matcher(text).replaceAll("$1visibility$2$3\"default\"");
        return PRAGMA.matcher(attributes).replaceAll("$1default$3");
    }
}
