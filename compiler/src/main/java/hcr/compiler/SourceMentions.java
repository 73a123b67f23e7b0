package hcr.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a module's source or one of its project headers contains a word: how the compiler
 * decides, without preprocessing, that a module needs more than a plain compile (it declares
 * hidden symbols; it uses hcr.h's hooks). Answers are remembered per file, size and time, since
 * headers are shared by many modules.
 */
final class SourceMentions {
    private final byte[] word;
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    SourceMentions(String word) {
        this.word = word.getBytes(StandardCharsets.US_ASCII);
    }

    /** True when {@code source} or one of {@code headers} contains the word. */
    boolean in(Path source, List<Path> headers) throws IOException {
        if (in(source)) {
            return true;
        }
        for (var header : headers) {
            if (in(header)) {
                return true;
            }
        }
        return false;
    }

    private boolean in(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        var key = file + "\0" + Files.size(file) + "\0" + Files.getLastModifiedTime(file).toMillis();
        var answer = known.get(key);
        if (answer == null) {
            answer = contains(Files.readAllBytes(file));
            known.put(key, answer);
        }
        return answer;
    }

    private boolean contains(byte[] bytes) {
        outer:
        for (int i = 0; i + word.length <= bytes.length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (bytes[i + j] != word[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
