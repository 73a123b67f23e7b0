package hcr.watcher;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import org.slf4j.helpers.NOPLogger;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * One registration of directory-watcher on the watched root, feeding raw events into a
 * {@link Debouncer}. When the root is deleted or replaced the registration is dead for good
 * (inotify watches follow inodes, not names); the {@link SourceWatcher} then closes it and opens
 * a new one.
 *
 * <p>directory-watcher runs with file hashing off: hashing reads every created or modified file
 * on the event thread to drop "no content change" events, which costs latency on every save, and
 * the compiler hashes contents anyway. Its event loop runs on one daemon thread of our own.
 */
final class TreeWatch implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TreeWatch.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Path root;
    private final SourceTree tree;
    private final Debouncer debouncer;
    private final Consumer<WatchError> errors;
    private final DirectoryWatcher watcher;
    private final Object rootKey;
    private volatile boolean closing;
    private volatile Thread eventThread;

    /** Registers the whole tree (minus pruned folders) and starts delivering events. */
    static TreeWatch open(Path root, SourceTree tree, Debouncer debouncer, Consumer<WatchError> errors)
            throws IOException {
        var watch = new TreeWatch(root, tree, debouncer, errors);
        watch.start();
        return watch;
    }

    private TreeWatch(Path root, SourceTree tree, Debouncer debouncer, Consumer<WatchError> errors)
            throws IOException {
        this.root = root;
        this.tree = tree;
        this.debouncer = debouncer;
        this.errors = errors;
        this.rootKey = fileKey(root);
        this.watcher = DirectoryWatcher.builder()
                .path(root)
                .listener(new Listener())
                .fileHashing(false)
                .fileTreeVisitor(tree)
                .logger(NOPLogger.NOP_LOGGER)
                .build();
    }

    private void start() throws IOException {
        // watchAsync registers every folder on this thread before it hands the loop to the executor
        var loop = watcher.watchAsync(task -> {
            var thread = new Thread(task, "hcr-watcher-events");
            thread.setDaemon(true);
            eventThread = thread;
            thread.start();
        });
        if (loop.isCompletedExceptionally()) {
            close();
            try {
                loop.join();
            } catch (CompletionException e) {
                throw new IOException("could not watch " + root, e.getCause());
            }
        }
        loop.whenComplete((ignored, failure) -> {
            if (closing) {
                return;
            }
            if (failure != null) {
                errors.accept(new WatchError(root, "the watch stopped; re-establishing it", failure));
            }
            debouncer.watchEnded();
        });
    }

    /** Whether the root is still the folder this watch registered (not deleted, not replaced). */
    boolean rootIntact() {
        try {
            return Objects.equals(rootKey, fileKey(root));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the watch service failed", e);
        }
        var thread = eventThread;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Object fileKey(Path folder) throws IOException {
        var attributes = Files.readAttributes(folder, BasicFileAttributes.class);
        if (!attributes.isDirectory()) {
            throw new IOException("not a folder: " + folder);
        }
        return attributes.fileKey();
    }

    /** Runs on the event thread: filters, then records; never blocks on delivery. */
    private final class Listener implements DirectoryChangeListener {

        @Override
        public void onEvent(DirectoryChangeEvent event) {
            if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
                debouncer.overflowed();
            } else if (event.path() != null && !tree.ignores(event.path())) {
                debouncer.touched(event.path());
            }
        }

        @Override
        public void onException(Exception e) {
            if (e instanceof NoSuchFileException missing && missing.getFile() != null) {
                // a folder or file vanished while the library looked at it: a race, not an error
                var path = Path.of(missing.getFile());
                if (!tree.ignores(path)) {
                    debouncer.touched(path);
                }
                return;
            }
            if (e instanceof IOException) {
                errors.accept(new WatchError(root, "an event could not be handled; rescanning", e));
            } else {
                // directory-watcher 0.19.1 turns inotify's OVERFLOW (which names no path) into a
                // NullPointerException inside its own event handling; either way events were lost
                LOG.log(Level.DEBUG, "directory-watcher failed on an event; rescanning", e);
            }
            debouncer.overflowed();
        }

        @Override
        public boolean isWatching() {
            return !closing;
        }
    }
}
