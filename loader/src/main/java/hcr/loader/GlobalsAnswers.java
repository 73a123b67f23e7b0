package hcr.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;

/**
 * The host's answers to the globals commands (docs/internals.md section 9) as records: a
 * {@code globals} answer becomes a {@link GlobalsSnapshot}, a {@code global-written} answer the
 * {@link GlobalBytes} read back after the write; an answer with an error becomes a
 * {@link GlobalAccessException} carrying the host's message.
 */
final class GlobalsAnswers {

    private GlobalsAnswers() {
    }

    static GlobalsSnapshot snapshot(JsonNode answer, Path buildDir) {
        refused(answer);
        int generation = answer.path("generation").asInt();
        var globals = new ArrayList<GlobalBytes>();
        for (var global : answer.path("globals")) {
            globals.add(global(global));
        }
        return new GlobalsSnapshot(generation, buildDir.toAbsolutePath().resolve("gen").resolve(Integer.toString(generation)),
                globals);
    }

    static GlobalBytes written(JsonNode answer) {
        refused(answer);
        return global(answer);
    }

    private static void refused(JsonNode answer) {
        var error = answer.path("error").asText("");
        if (!error.isEmpty()) {
            throw new GlobalAccessException(error);
        }
    }

    private static GlobalBytes global(JsonNode node) {
        var address = text(node, "address");
        return new GlobalBytes(text(node, "module"), text(node, "name"), text(node, "link"), node.path("size").asLong(),
                text(node, "library"), address.startsWith("0x") ? Long.parseUnsignedLong(address.substring(2), 16) : 0,
                text(node, "storage"), HexFormat.of().parseHex(text(node, "hex")), node.path("truncated").asBoolean(),
                node.path("writable").asBoolean(), text(node, "error"));
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("");
    }
}
