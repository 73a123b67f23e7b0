package hcr.watcher;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Watches a source tree recursively and delivers {@link ChangeSet}s: one per burst of edits, after
 * a quiet period, with ignored files left out and atomic saves folded into plain modifications.
 *
 * <p>Two threads, both daemons, both ended by {@link #close()}: directory-watcher's event loop,
 * which only records the paths events name, and a delivery thread, which waits for quiet, works
 * out the net change against its {@link FileIndex}, and calls the consumer. The consumer therefore
 * runs on the delivery thread, one change set at a time; while it runs, new events keep
 * accumulating into the next set.
 *
 * <p>Nothing escapes the background threads: failures of the watch, of a walk or of the consumer
 * go to the error callback. When the watched root is deleted the watcher delivers the deletions
 * (as a rescan), reports it, and polls until the root is back; then it registers again and
 * delivers what it finds as a rescan. A root replaced behind its back (moved away and recreated)
 * is treated the same way.
 *
 * <pre>{@code
 * try (var watcher = new SourceWatcher(project, WatchOptions.defaults(), builder::rebuild, console::warn)) {
 *     watcher.start();
 *     ...
 * }
 * }</pre>
 */
public final class SourceWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SourceWatcher.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Path root;
    private final WatchOptions options;
    private final Consumer<ChangeSet> onChange;
    private final Consumer<WatchError> onError;
    private final SourceTree tree;
    private final FileIndex index;
    private final Debouncer debouncer;

    private final Object lifecycle = new Object();
    private volatile boolean started;
    private volatile boolean closed;
    private Thread delivery;
    /** The live registration; {@code null} while the root is missing. Delivery thread only, after start. */
    private TreeWatch watch;
    private boolean reportedUnwatchable;

    /** A watcher that reports errors to the {@link System.Logger} of this class. */
    public SourceWatcher(Path root, WatchOptions options, Consumer<ChangeSet> onChange) {
        this(root, options, onChange, error -> LOG.log(Level.WARNING, error.toString(), error.cause()));
    }

    public SourceWatcher(
            Path root, WatchOptions options, Consumer<ChangeSet> onChange, Consumer<WatchError> onError) {
        this.root = root.toAbsolutePath().normalize();
        this.options = Objects.requireNonNull(options, "options");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.onError = Objects.requireNonNull(onError, "onError");
        this.tree = new SourceTree(new IgnoreRules(this.root, options), this::report);
        this.index = new FileIndex(tree);
        this.debouncer = new Debouncer(options.quietPeriod(), options.maxWait());
    }

    public Path root() {
        return root;
    }

    /**
     * Registers the watch on the whole tree and starts delivering. Returns once the watch is in
     * place: a file written after this returns is seen.
     *
     * @throws IOException if the root is not a readable folder or cannot be watched
     */
    public void start() throws IOException {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("watcher closed: " + root);
            }
            if (started) {
                throw new IllegalStateException("watcher already started: " + root);
            }
            // register first, then index: a file created in between is reported (maybe twice),
            // rather than missed
            watch = TreeWatch.open(root, tree, debouncer, this::report);
            try {
                index.rescan(root);
            } catch (RuntimeException e) {
                closeWatch();
                throw e;
            }
            delivery = new Thread(this::deliverLoop, "hcr-watcher-delivery");
            delivery.setDaemon(true);
            delivery.setUncaughtExceptionHandler((thread, failure) ->
                    report(new WatchError(root, "the watcher's delivery thread died", failure)));
            delivery.start();
            started = true;
        }
    }

    /**
     * Stops both threads and waits for them; a consumer call in progress finishes first (it is
     * interrupted if it takes more than 5 s). No change set is delivered after this returns.
     * Idempotent; safe to call from the consumer.
     */
    @Override
    public void close() {
        Thread stopping;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = delivery;
        }
        debouncer.close();
        if (stopping == null) {
            closeWatch();
            return;
        }
        if (stopping == Thread.currentThread()) {
            return; // the delivery loop sees `closed` and closes the watch on its way out
        }
        try {
            stopping.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.isAlive()) {
            LOG.log(Level.WARNING, "the change set consumer did not return within " + STOP_TIMEOUT);
            stopping.interrupt();
        }
    }

    private void deliverLoop() {
        try {
            while (!closed) {
                var burst = debouncer.await(options.rootCheckInterval());
                if (closed) {
                    break;
                }
                if (watch == null) {
                    reestablish(burst == null ? System.nanoTime() : burst.firstEventNanos());
                } else if (burst == null) {
                    if (!watch.rootIntact()) {
                        rootLost(System.nanoTime());
                    }
                } else if (burst.watchEnded() || !watch.rootIntact()) {
                    rootLost(burst.firstEventNanos());
                } else if (burst.overflow()) {
                    deliver(index.rescan(root), true, burst.firstEventNanos());
                } else {
                    deliver(index.settle(burst.paths()), false, burst.firstEventNanos());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeWatch();
        }
    }

    /** The registration is dead: the root was deleted or replaced. */
    private void rootLost(long since) {
        closeWatch();
        if (Files.isDirectory(root)) {
            reestablish(since);
            return;
        }
        report(new WatchError(root, "the watched folder vanished; waiting for it to come back", null));
        deliver(index.rescan(root), true, since);
    }

    private void reestablish(long since) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            watch = TreeWatch.open(root, tree, debouncer, this::report);
            reportedUnwatchable = false;
        } catch (IOException e) {
            if (!reportedUnwatchable) {
                reportedUnwatchable = true;
                report(new WatchError(root, "the watched folder is back but cannot be watched; retrying", e));
            }
            return;
        }
        deliver(index.rescan(root), true, since);
    }

    private void deliver(FileChanges changes, boolean rescan, long firstEventNanos) {
        if (changes.isEmpty() && !rescan) {
            return;
        }
        try {
            onChange.accept(changes.toChangeSet(rescan, firstEventNanos));
        } catch (RuntimeException e) {
            report(new WatchError(root, "the change set consumer failed", e));
        }
    }

    private void closeWatch() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    private void report(WatchError error) {
        try {
            onError.accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the error callback failed on: " + error, e);
        }
    }
}
