package hcr.console;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Source text for the errors panel, served only from inside the project: the path must be
 * relative, without {@code ..} and without hidden folders ({@code .hcr}, {@code .git}), and the
 * file it names — symbolic links followed — must be a regular file under the project's real path.
 */
final class SourceFiles {
    /** Larger files are not shown. */
    static final long MAX_BYTES = 2 * 1024 * 1024;

    /** A request refused; {@code status} is the HTTP status that says why. */
    static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final Path projectDir;

    SourceFiles(Path projectDir) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
    }

    /** The text of {@code relative} (a {@code /}-separated path inside the project). */
    String read(String relative) throws Refused {
        var file = resolve(relative);
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return decoder.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (IOException e) {
            throw new Refused(404, "cannot read '" + relative + "': " + e.getMessage());
        }
    }

    /** The real file {@code relative} names, after every check. */
    Path resolve(String relative) throws Refused {
        if (relative == null || relative.isBlank()) {
            throw new Refused(400, "no path given");
        }
        if (relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0) {
            throw new Refused(400, "malformed path");
        }
        if (relative.startsWith("/") || relative.startsWith("~")) {
            throw new Refused(403, "absolute paths are refused: give a path relative to the project");
        }
        for (var segment : relative.split("/")) {
            if (segment.equals("..")) {
                throw new Refused(403, "'..' is refused: only files inside the project are served");
            }
            if (segment.startsWith(".") && !segment.equals(".")) {
                throw new Refused(403, "hidden files and folders are not served");
            }
        }
        Path candidate;
        try {
            candidate = projectDir.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new Refused(400, "malformed path");
        }
        if (!candidate.startsWith(projectDir)) {
            throw new Refused(403, "only files inside the project are served");
        }
        Path real;
        Path root;
        try {
            root = projectDir.toRealPath();
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new Refused(404, "no such file: '" + relative + "'");
        } catch (IOException e) {
            throw new Refused(404, "cannot read '" + relative + "': " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw new Refused(403, "'" + relative + "' leads out of the project (symbolic link)");
        }
        if (!Files.isRegularFile(real)) {
            throw new Refused(404, "'" + relative + "' is not a file");
        }
        try {
            if (Files.size(real) > MAX_BYTES) {
                throw new Refused(413, "'" + relative + "' is larger than " + MAX_BYTES + " bytes");
            }
        } catch (IOException e) {
            throw new Refused(404, "cannot read '" + relative + "': " + e.getMessage());
        }
        return real;
    }
}
