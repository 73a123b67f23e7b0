package hcr.loader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Turns the host's JSON lines (runtime events and host messages) into {@link HostEvent}s.
 * A line that is not understood becomes a {@link HostEvent.RuntimeError} quoting it, so nothing
 * the host says is lost; a well-formed event of an unknown type is skipped (forward compatibility).
 */
final class EventParser {

    private static final String[] COUNTS = {"loaded", "reloaded", "removed", "shared", "carried", "reset",
        "forwarded"};

    private final ObjectMapper json;

    EventParser(ObjectMapper json) {
        this.json = json;
    }

    Optional<HostEvent> parse(String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.of(malformed(line, e.getOriginalMessage()));
        }
        return parse(node, line);
    }

    /** The line as a JSON tree, or null when it is not JSON (then {@link #parse(String)} says so). */
    JsonNode tree(String line) {
        try {
            return json.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The event {@code node}, already read from {@code line}, stands for. */
    Optional<HostEvent> parse(JsonNode node, String line) {
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            return Optional.of(malformed(line, "an object with a \"type\" expected"));
        }
        return Optional.ofNullable(switch (node.get("type").asText()) {
            case "started" -> new HostEvent.Started(node.path("pid").asLong(), node.path("generation").asInt());
            case "start-failed" -> new HostEvent.StartFailed(node.path("code").asInt(), node.path("error").asText(""));
            case "module" -> new HostEvent.ModuleLoaded(text(node, "module"), text(node, "action"),
                    node.path("generation").asInt(), text(node, "library"));
            case "static" -> new HostEvent.StaticChanged(text(node, "module"), text(node, "name"), text(node, "action"),
                    node.path("old_size").asLong(), node.path("new_size").asLong());
            case "generation" -> generation(node);
            case "reload-result" -> new HostEvent.ReloadResult(node.path("code").asInt(), node.path("error").asText(""),
                    node.path("deferred").asBoolean(false));
            case "error" -> new HostEvent.RuntimeError(node.path("code").asInt(), node.path("message").asText(""));
            case "exited" -> new HostEvent.Exited(node.path("status").asInt());
            default -> null;
        });
    }

    private static HostEvent.GenerationLoaded generation(JsonNode node) {
        var counts = new LinkedHashMap<String, Long>();
        for (var name : COUNTS) {
            if (node.has(name)) {
                counts.put(name, node.get(name).asLong());
            }
        }
        var micros = new LinkedHashMap<String, Long>();
        node.path("us").properties().forEach(field -> micros.put(field.getKey(), field.getValue().asLong()));
        return new HostEvent.GenerationLoaded(node.path("generation").asInt(), node.path("previous").asInt(),
                counts, micros);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("");
    }

    private static HostEvent.RuntimeError malformed(String line, String why) {
        return new HostEvent.RuntimeError(-2, "malformed event from host (" + why + "): " + line);
    }
}
