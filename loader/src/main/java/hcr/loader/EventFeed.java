package hcr.loader;

import java.util.function.Consumer;

/**
 * Where every event of one host goes: into its {@link Transcript} and to its listeners, in one
 * order shared by both (pumps, the control reader and the reaper publish concurrently).
 */
record EventFeed(Transcript transcript, EventDispatcher dispatcher) implements Consumer<HostEvent> {

    @Override
    public void accept(HostEvent event) {
        synchronized (transcript) {
            transcript.record(event);
            dispatcher.publish(event);
        }
    }
}
