package hcr.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The size and modification time of a build's inputs (every module's source and the project
 * headers it last included) as the build began.
 *
 * <p>An editor that saves in place truncates the file and then writes it; a loaded machine may
 * hold the writer between the two for longer than the watcher's quiet period, and the build then
 * reads an empty or half-written file. Its failure says nothing about the user's code, and the
 * save's last event will start another build anyway; so a failed build whose inputs changed
 * while it ran is run again at once instead of being reported ({@link Builder#build()}).
 */
final class InputStamps {

    /** What one file looked like; {@code size} -1 when it did not exist. */
    private record Stamp(long size, long modifiedNanos) {
    }

    private final Map<Path, Stamp> stamps;

    private InputStamps(Map<Path, Stamp> stamps) {
        this.stamps = stamps;
    }

    /** The inputs of {@code project} as they are now; headers as {@code state} last recorded them. */
    static InputStamps of(Project project, BuildState state) {
        var stamps = new LinkedHashMap<Path, Stamp>();
        for (var module : project.modules()) {
            stamps.put(module.source(), stamp(module.source()));
            var record = state == null ? null : state.modules().get(module.id());
            if (record != null) {
                for (var header : record.headers()) {
                    var file = project.root().resolve(header);
                    stamps.computeIfAbsent(file, InputStamps::stamp);
                }
            }
        }
        return new InputStamps(stamps);
    }

    /** True when some input is not as it was: written, replaced or deleted since. */
    boolean changed() {
        for (var entry : stamps.entrySet()) {
            if (!Objects.equals(stamp(entry.getKey()), entry.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static Stamp stamp(Path file) {
        try {
            var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.size(), attributes.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                    + attributes.lastModifiedTime().toInstant().getNano());
        } catch (IOException e) {
            return new Stamp(-1, 0);
        }
    }
}
