package hcr.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A module's content key: SHA-256 over the compiler's identity, the compile flags (hcr's and
 * the module's own, and the directory it is compiled in), the
 * source's content and the content of every header its last depfile listed. Equal keys mean
 * an identical object, so a touched but unchanged file rebuilds nothing, while a changed
 * header rebuilds every module that includes it.
 *
 * <p>Within one build, each file is hashed once and that content is what the build works
 * from ({@code seen}): a header edited while compilers run shows up in the next build.
 */
final class ContentKeys {
    private final FileDigests digests;
    private final byte[] toolchain;

    /**
     * @param identity the compiler
     * @param flags    every compile flag that shapes the object (not the output paths)
     */
    ContentKeys(FileDigests digests, CompilerIdentity identity, List<String> flags) {
        this.digests = digests;
        var text = new StringBuilder(identity.binary().toString()).append('\0').append(identity.version());
        flags.forEach(flag -> text.append('\0').append(flag));
        this.toolchain = FileDigests.newDigest().digest(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param seen digests taken earlier in this build, shared by all modules; filled as files are read
     * @return the key, or {@code null} when the source itself is missing
     */
    String key(SourceModule module, List<Path> headers, Map<Path, String> seen) throws IOException {
        var sourceDigest = digest(module.source(), seen);
        if (sourceDigest == null) {
            return null;
        }
        var sha = FileDigests.newDigest();
        sha.update(toolchain);
        var own = new StringBuilder(module.directory().toString());
        module.flags().forEach(flag -> own.append('\0').append(flag));
        sha.update(own.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        sha.update(sourceDigest.getBytes(StandardCharsets.US_ASCII));
        for (var header : headers) {
            var digest = digest(header, seen);
            sha.update(("\n" + header + "\0" + (digest == null ? "missing" : digest)).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private String digest(Path file, Map<Path, String> seen) throws IOException {
        var known = seen.get(file);
        if (known != null) {
            return known.isEmpty() ? null : known;
        }
        var digest = digests.digest(file);
        seen.put(file, digest == null ? "" : digest);
        return digest;
    }
}
