package hcr.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;

/**
 * The host's answers to the globals commands (docs/internals.md section 9) as records: a
 * {@code globals} answer (its globals and statics) becomes a {@link GlobalsSnapshot}, a
 * {@code global-written} answer the
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
        var statics = new ArrayList<GlobalBytes>();
        for (var s : answer.path("statics")) {
            statics.add(global(s));
        }
        return new GlobalsSnapshot(generation, buildDir.toAbsolutePath().resolve("gen").resolve(Integer.toString(generation)),
                globals, statics);
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
        return new GlobalBytes(text(node, "module"), text(node, "name"), text(node, "link"), node.path("size").asLong(),
                text(node, "library"), hex(text(node, "address")), text(node, "storage"),
                HexFormat.of().parseHex(text(node, "hex")), node.path("truncated").asBoolean(),
                node.path("writable").asBoolean(), text(node, "error"), hex(text(node, "offset")));
    }

    private static long hex(String number) {
        return number.startsWith("0x") ? Long.parseUnsignedLong(number.substring(2), 16) : 0;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("");
    }
}
