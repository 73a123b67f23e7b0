package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineTest {

    @Test
    void writes_what_a_json_library_reads_back() throws Exception {
        var text = "quote \" backslash \\ newline \n tab \t bell \u0007 é ✓";
        var line = new JsonLine().put("type", "reload-result").put("code", -3).put("deferred", true)
                .put("error", text).toString();

        var node = new ObjectMapper().readTree(line);
        assertEquals("reload-result", node.get("type").asText());
        assertEquals(-3, node.get("code").asInt());
        assertTrue(node.get("deferred").asBoolean());
        assertEquals(text, node.get("error").asText());
        assertTrue(line.indexOf('\n') < 0, line);
    }

    @Test
    void writes_arrays_of_objects_for_the_globals_answer() throws Exception {
        var line = new JsonLine().put("type", "globals").put("id", 7)
                .put("globals", java.util.List.of(new JsonLine().put("name", "a").put("size", 4),
                        new JsonLine().put("name", "b\"c")))
                .put("empty", java.util.List.of()).toString();

        var node = new ObjectMapper().readTree(line);
        assertEquals(7, node.get("id").asLong());
        assertEquals(2, node.get("globals").size());
        assertEquals(4, node.get("globals").get(0).get("size").asInt());
        assertEquals("b\"c", node.get("globals").get(1).get("name").asText());
        assertEquals(0, node.get("empty").size());
    }

    @Test
    void reads_flat_objects() {
        assertEquals(Map.of("cmd", "reload"), JsonLine.parse("{\"cmd\":\"reload\"}"));
        assertEquals(Map.of("cmd", "a\"b\nc", "n", "12", "ok", "true"),
                JsonLine.parse(" { \"cmd\" : \"a\\\"b\\nc\" , \"n\": 12, \"ok\":true } "));
        assertEquals(Map.of("x", "é"), JsonLine.parse("{\"x\":\"\\u00e9\"}"));
        assertEquals(Map.of(), JsonLine.parse("{}"));
    }

    @Test
    void rejects_malformed_lines_saying_where() {
        var e = assertThrows(IllegalArgumentException.class, () -> JsonLine.parse("{\"cmd\" \"reload\"}"));
        assertTrue(e.getMessage().contains("column 8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonLine.parse("{\"cmd\":\"reload\""));
        assertThrows(IllegalArgumentException.class, () -> JsonLine.parse("{\"cmd\":[1]}"));
        assertThrows(IllegalArgumentException.class, () -> JsonLine.parse("reload"));
        assertThrows(IllegalArgumentException.class, () -> JsonLine.parse("{\"cmd\":\"reload\"} x"));
    }
}
