package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import hcr.compiler.Generation;
import hcr.loader.HostEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reload as the running program's host reported it: the generation the compiler published,
 * the host's answer, and the runtime's events for that generation (module events, static
 * events, then the generation summary).
 */
record Reload(Generation generation, HostEvent.ReloadResult result, List<HostEvent> events) {

    Reload {
        events = List.copyOf(events);
    }

    /** The runtime's events for {@code generation}, from everything the host reported so far. */
    static Reload of(Generation generation, HostEvent.ReloadResult result, List<HostEvent> reported) {
        int end = -1;
        for (int i = 0; i < reported.size(); i++) {
            if (reported.get(i) instanceof HostEvent.GenerationLoaded loaded && loaded.generation() == generation.number()) {
                if (end >= 0) {
                    fail("generation " + generation.number() + " was loaded twice: " + reported);
                }
                end = i;
            }
        }
        if (end < 0) {
            fail("no generation event for generation " + generation.number() + " although the reload answered "
                    + result + "; events: " + reported);
        }
        int start = end;
        while (start > 0 && !boundary(reported.get(start - 1))) {
            start--;
        }
        return new Reload(generation, result, reported.subList(start, end + 1));
    }

    private static boolean boundary(HostEvent event) {
        // a deferred answer can come while the program loads at its reload point: not a boundary
        return event instanceof HostEvent.GenerationLoaded || event instanceof HostEvent.Started
                || event instanceof HostEvent.ReloadResult result && !result.deferred();
    }

    HostEvent.GenerationLoaded loaded() {
        return (HostEvent.GenerationLoaded) events.get(events.size() - 1);
    }

    /** Module id → action ("loaded", "reloaded", "removed"), from the module events. */
    Map<String, String> moduleActions() {
        var actions = new TreeMap<String, String>();
        for (var event : events) {
            if (event instanceof HostEvent.ModuleLoaded module) {
                assertEquals(generation.number(), module.generation(), "module event of this reload: " + module);
                if (actions.put(module.module(), module.action()) != null) {
                    fail("two events for module " + module.module() + ": " + events);
                }
            }
        }
        return actions;
    }

    /** The static events, by name. */
    Map<String, HostEvent.StaticChanged> statics() {
        var statics = new TreeMap<String, HostEvent.StaticChanged>();
        for (var event : events) {
            if (event instanceof HostEvent.StaticChanged changed && statics.put(changed.name(), changed) != null) {
                fail("two events for static " + changed.name() + ": " + events);
            }
        }
        return statics;
    }

    /** The generation summary's count of {@code what}: loaded, reloaded, removed, shared, carried or reset. */
    long count(String what) {
        var count = loaded().counts().get(what);
        if (count == null) {
            fail("the generation event has no count '" + what + "': " + loaded());
        }
        return count;
    }
}
