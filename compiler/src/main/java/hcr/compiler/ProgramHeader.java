package hcr.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Puts {@code hcr.h}, the optional program API, where programs include it from:
 * {@code <build>/include/hcr.h}, copied from the hcr-native jar's {@code hcr/include/hcr.h}.
 * The file is rewritten only when its content differs, so builds do not see it change.
 */
final class ProgramHeader {
    static final String RESOURCE = "hcr/include/hcr.h";
    private final byte[] content;

    /** Reads the header from the class path; without the resource there is nothing to extract. */
    ProgramHeader(ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            this.content = in == null ? null : in.readAllBytes();
        }
    }

    /** Makes {@code dir/hcr.h} hold the header. */
    void extractTo(Path dir) throws IOException {
        if (content == null) {
            return;
        }
        var target = dir.resolve("hcr.h");
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
            return;
        }
        Files.createDirectories(dir);
        var temporary = dir.resolve(".hcr.h.tmp");
        Files.write(temporary, content);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
