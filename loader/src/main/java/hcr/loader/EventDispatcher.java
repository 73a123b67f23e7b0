package hcr.loader;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Delivers a host's events to its listeners, one at a time, in order, on a thread of its own:
 * a slow listener delays other listeners but never the program (its pipes keep draining).
 * The thread ends after delivering the host's {@link HostEvent.Ending}.
 */
final class EventDispatcher {

    private final CopyOnWriteArrayList<Consumer<? super HostEvent>> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<HostEvent> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    EventDispatcher(String name) {
        thread = new Thread(this::deliver, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void subscribe(Consumer<? super HostEvent> listener) {
        listeners.add(listener);
    }

    void unsubscribe(Consumer<? super HostEvent> listener) {
        listeners.remove(listener);
    }

    void publish(HostEvent event) {
        queue.add(event);
    }

    /** Ends delivery without an ending: the host never came up. */
    void abandon() {
        thread.interrupt();
    }

    /** Waits until the ending has been delivered (or {@code millis} passed); at once when called by a listener. */
    void awaitDelivered(long millis) throws InterruptedException {
        if (Thread.currentThread() != thread) {
            thread.join(millis);
        }
    }

    private void deliver() {
        while (true) {
            HostEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            for (var listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException | Error e) {
                    System.err.println("hcr: a host event listener failed on " + event + ": " + e);
                    e.printStackTrace();
                }
            }
            if (event instanceof HostEvent.Ending) {
                return;
            }
        }
    }
}
