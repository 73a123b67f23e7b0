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
