package hcr.compiler;

import hcr.compiler.link.ToolException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a build's independent steps (compiles, links) {@code jobs} at a time on daemon
 * threads. A single step runs on the calling thread: the common one-file edit pays no
 * hand-over.
 */
final class Workers implements AutoCloseable {

    /** One step; may fail as a tool or I/O failure. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException, ToolException;
    }

    /** A step running in the background. */
    interface Started<T> {
        /** Waits for the step; rethrows its failure. */
        T join() throws IOException, ToolException;
    }

    private final int jobs;
    private ExecutorService pool;

    Workers(int jobs) {
        this.jobs = jobs;
    }

    /** Runs every step and returns their results in order; the first failure is rethrown after all finished. */
    <T> List<T> all(List<? extends Step<T>> steps) throws IOException, ToolException {
        if (steps.size() <= 1 || jobs == 1) {
            var results = new ArrayList<T>();
            for (var step : steps) {
                results.add(step.run());
            }
            return results;
        }
        return startAll(steps).join();
    }

    /**
     * Starts every step on worker threads, even a single one (so the caller can do other
     * work meanwhile); joining returns their results in order and rethrows the first failure
     * after all finished.
     */
    <T> Started<List<T>> startAll(List<? extends Step<T>> steps) {
        var started = new ArrayList<Started<T>>();
        steps.forEach(step -> started.add(start(step)));
        return () -> joinAll(started);
    }

    /** Waits for every step and returns their results in order; the first failure is rethrown after all finished. */
    static <T> List<T> joinAll(List<Started<T>> started) throws IOException, ToolException {
        var results = new ArrayList<T>();
        Exception failure = null;
        for (var step : started) {
            try {
                results.add(step.join());
            } catch (IOException | ToolException | RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof ToolException tool) {
            throw tool;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        return results;
    }

    /** Starts a step on a worker thread. */
    <T> Started<T> start(Step<T> step) {
        Future<T> future = pool().submit(step::run);
        return () -> join(future);
    }

    private static <T> T join(Future<T> future) throws IOException, ToolException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("build interrupted");
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof ToolException tool) {
                throw tool;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            var count = new AtomicInteger();
            pool = Executors.newFixedThreadPool(Math.max(2, jobs), task -> {
                var thread = new Thread(task, "hcr-build-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
