package hcr.project.init;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hcr.project.ModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The executions of one build as {@code bear intercept} recorded them: one JSON object a line,
 * either {@code {"rid":R,"started":{"pid":N,"ppid":N,"execution":{"executable":..,"arguments":[..],
 * "working_dir":..,"environment":{..}}},"timestamp":..}} or {@code {"rid":R,"terminated":
 * {"status":"0"},"timestamp":..}} (bear 3.1). Kept: what the build itself ran and what succeeded.
 * Left out: what a compiler driver ran beneath it (cc1, as, collect2, ld, and the gcc that
 * {@code -flto}'s lto-wrapper starts again), and every execution that exited non-zero (a
 * configure check that was meant to fail).
 */
public final class BuildRecording {
    private final List<Execution> executions;

    private BuildRecording(List<Execution> executions) {
        this.executions = List.copyOf(executions);
    }

    /** The build's executions, in the order they started. */
    public List<Execution> executions() {
        return executions;
    }

    /** Reads bear's recording {@code file}. */
    public static BuildRecording read(Path file) throws ModelException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read the build's recording: " + e.getMessage());
        }
        return parse(file, lines);
    }

    /** Parses the lines of a recording; {@code file} names it in messages. */
    static BuildRecording parse(Path file, List<String> lines) throws ModelException {
        var mapper = new ObjectMapper();
        var started = new ArrayList<Started>();
        var failed = new HashMap<String, Boolean>();
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode event;
            try {
                event = mapper.readTree(line);
            } catch (JacksonException e) {
                throw new ModelException(file + ":" + (i + 1) + ": not a JSON event of bear intercept: "
                        + e.getOriginalMessage().lines().findFirst().orElse(""));
            }
            var rid = event.path("rid").asText();
            if (event.has("started")) {
                started.add(started(file, i + 1, rid, event.get("started")));
            } else if (event.has("terminated")) {
                failed.put(rid, !"0".equals(event.get("terminated").path("status").asText("0")));
            }
        }
        var underDriver = new HashMap<Long, Boolean>();
        var kept = new ArrayList<Execution>();
        for (var start : started) {
            boolean parentIsDriver = underDriver.getOrDefault(start.ppid(), false);
            boolean driver = ToolKind.of(start.execution()) == ToolKind.COMPILER_DRIVER;
            underDriver.put(start.pid(), parentIsDriver || driver);
            if (!parentIsDriver && !failed.getOrDefault(start.rid(), false)) {
                kept.add(start.execution());
            }
        }
        return new BuildRecording(kept);
    }

    private record Started(String rid, long pid, long ppid, Execution execution) {
    }

    private static Started started(Path file, int line, String rid, JsonNode started) throws ModelException {
        var execution = started.path("execution");
        var arguments = new ArrayList<String>();
        execution.path("arguments").forEach(a -> arguments.add(a.asText()));
        var executable = execution.path("executable").asText("");
        var directory = execution.path("working_dir").asText("");
        if (arguments.isEmpty() || executable.isEmpty() || directory.isEmpty()) {
            throw new ModelException(file + ":" + line + ": an execution without executable, arguments or working_dir");
        }
        return new Started(rid, started.path("pid").asLong(), started.path("ppid").asLong(),
                new Execution(Path.of(executable), arguments, Path.of(directory).toAbsolutePath().normalize()));
    }
}
