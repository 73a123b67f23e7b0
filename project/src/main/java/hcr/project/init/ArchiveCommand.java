package hcr.project.init;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@code ar} command line read as GNU ar reads it: the operation letters first, with or
 * without a leading dash ({@code rcs}, {@code -rcs}, {@code cr}, {@code qc}, {@code cru}),
 * then the archive, then the members. Only what changes an archive's members matters here:
 * {@code r} and {@code q} add them, {@code d} deletes them; {@code t}, {@code x}, {@code p},
 * {@code s} (ranlib's job) change nothing.
 *
 * @param archive the archive as written, relative to the working directory
 * @param members the members as written
 * @param adds    true when the members are added, false when they are deleted
 */
record ArchiveCommand(String archive, List<String> members, boolean adds) {

    /** The command's change to an archive, or empty for one that changes no member. */
    static Optional<ArchiveCommand> parse(Execution execution) {
        var words = new ArrayList<>(execution.options());
        var keys = new StringBuilder();
        while (!words.isEmpty() && words.get(0).startsWith("-")) {
            var word = words.remove(0);
            if (word.equals("--plugin") || word.equals("--target") || word.equals("--output")) {
                if (!words.isEmpty()) {
                    words.remove(0);
                }
            } else if (!word.startsWith("--")) {
                keys.append(word.substring(1));
            }
        }
        if (keys.isEmpty() && !words.isEmpty()) {
            keys.append(words.remove(0));
        }
        var letters = keys.toString();
        boolean adds = letters.indexOf('r') >= 0 || letters.indexOf('q') >= 0;
        boolean deletes = letters.indexOf('d') >= 0;
        if (!adds && !deletes) {
            return Optional.empty();
        }
        if (adds && (letters.indexOf('a') >= 0 || letters.indexOf('b') >= 0 || letters.indexOf('i') >= 0) && !words.isEmpty()) {
            words.remove(0); // the member the new ones go before or after
        }
        if (letters.indexOf('N') >= 0 && !words.isEmpty()) {
            words.remove(0); // the instance count
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        var archive = words.remove(0);
        return Optional.of(new ArchiveCommand(archive, words, adds));
    }

    /** The archive, absolute. */
    Path archivePath(Path directory) {
        return directory.resolve(archive).normalize();
    }
}
