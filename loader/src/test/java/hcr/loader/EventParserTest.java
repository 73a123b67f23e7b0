package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The events of docs/internals.md sections 8 and 9, as the runtime and the host write them. */
class EventParserTest {

    private final EventParser parser = new EventParser(new ObjectMapper());

    @Test
    void runtime_events() {
        assertEquals(Optional.of(new HostEvent.ModuleLoaded("sim", "reloaded", 5, "libsim.g5.so")), parser.parse(
                "{\"type\":\"module\",\"module\":\"sim\",\"action\":\"reloaded\",\"generation\":5,\"library\":\"libsim.g5.so\"}"));
        assertEquals(Optional.of(new HostEvent.StaticChanged("sim", "buf", "reset", 16, 64)), parser.parse(
                "{\"type\":\"static\",\"module\":\"sim\",\"name\":\"buf\",\"action\":\"reset\",\"old_size\":16,\"new_size\":64}"));
        assertEquals(Optional.of(new HostEvent.GenerationLoaded(5, 4,
                        Map.of("loaded", 1L, "reloaded", 1L, "removed", 0L, "carried", 2L, "reset", 1L),
                        Map.of("copy", 120L, "load", 800L, "bind", 15L, "statics", 3L, "handlers", 0L, "total", 950L))),
                parser.parse("{\"type\":\"generation\",\"generation\":5,\"previous\":4,\"loaded\":1,\"reloaded\":1,"
                        + "\"removed\":0,\"carried\":2,\"reset\":1,\"us\":{\"copy\":120,\"load\":800,\"bind\":15,"
                        + "\"statics\":3,\"handlers\":0,\"total\":950}}"));
        assertEquals(Optional.of(new HostEvent.RuntimeError(-3, "dlopen libsim.g5.so: undefined symbol: hcr.foo")),
                parser.parse("{\"type\":\"error\",\"code\":-3,\"message\":\"dlopen libsim.g5.so: undefined symbol: hcr.foo\"}"));
    }

    @Test
    void the_generation_summary_counts_forwarded_entries() {
        var event = parser.parse("{\"type\":\"generation\",\"generation\":2,\"previous\":1,\"loaded\":0,"
                + "\"reloaded\":1,\"removed\":0,\"shared\":0,\"carried\":1,\"reset\":0,\"us\":{\"copy\":10,"
                + "\"total\":95,\"forward\":40},\"forwarded\":8}");
        var loaded = (HostEvent.GenerationLoaded) event.orElseThrow();
        assertEquals(8L, loaded.counts().get("forwarded"));
        assertEquals(40L, loaded.micros().get("forward"));
    }

    @Test
    void host_messages() {
        assertEquals(Optional.of(new HostEvent.Started(1234, 1)),
                parser.parse("{\"type\":\"started\",\"pid\":1234,\"generation\":1}"));
        assertEquals(Optional.of(new HostEvent.ReloadResult(2, "", false)),
                parser.parse("{\"type\":\"reload-result\",\"code\":2,\"error\":\"\"}"));
        assertEquals(Optional.of(new HostEvent.ReloadResult(0, "", true)),
                parser.parse("{\"type\":\"reload-result\",\"code\":0,\"error\":\"\",\"deferred\":true}"));
        assertEquals(Optional.of(new HostEvent.StartFailed(-1, "build folder /x/.hcr: No such file or directory")),
                parser.parse("{\"type\":\"start-failed\",\"code\":-1,\"error\":\"build folder /x/.hcr: No such file or directory\"}"));
        assertEquals(Optional.of(new HostEvent.Exited(3)), parser.parse("{\"type\":\"exited\",\"status\":3}"));
    }

    @Test
    void host_messages_written_by_the_host_parse_back() {
        var line = new JsonLine().put("type", "reload-result").put("code", -3).put("error", "dlopen \"x\": no")
                .put("deferred", false).toString();
        assertEquals(Optional.of(new HostEvent.ReloadResult(-3, "dlopen \"x\": no", false)), parser.parse(line));
    }

    @Test
    void unknown_types_are_skipped_and_garbage_is_kept_as_an_error() {
        assertEquals(Optional.empty(), parser.parse("{\"type\":\"future-thing\",\"x\":1}"));
        var garbage = assertInstanceOf(HostEvent.RuntimeError.class, parser.parse("{\"type\":\"module\",").orElseThrow());
        assertTrue(garbage.message().contains("{\"type\":\"module\","), garbage.message());
        var untyped = assertInstanceOf(HostEvent.RuntimeError.class, parser.parse("[1,2]").orElseThrow());
        assertTrue(untyped.message().contains("[1,2]"), untyped.message());
    }
}
