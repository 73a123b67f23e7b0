package hcr.watcher;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something went wrong while watching; the watcher carries on (and re-establishes itself where it
 * can), so this is a report, not a failure of the watcher.
 *
 * @param path    the file or folder concerned
 * @param message what happened and what the watcher does about it
 * @param cause   the underlying exception, if there is one (may be {@code null})
 */
public record WatchError(Path path, String message, Throwable cause) {

    public WatchError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message + " [" + path + "]" + (cause == null ? "" : ": " + cause);
    }
}
