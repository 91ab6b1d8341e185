package dev.ferry.control.ps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.error.InvalidConfig;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.runtime.OneOffCommand;
import dev.ferry.core.store.ConfigVars;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a client asks {@code run} to start: {@code {"command": ["python3", "-c", "…"], "env": {"A": "1"},
 * "terminal": {"columns": 80, "rows": 24}}}. {@code command} is the program and its arguments, passed exactly;
 * {@code env} extra variables (named and sized as config vars); {@code terminal} present for a PTY. Every
 * refusal is a 400 (422 for a bad variable) naming the field.
 */
final class RunRequest {

    private RunRequest() {
    }

    /** The command of a {@code run} over the WebSocket; {@code terminal} allowed. */
    static OneOffCommand attached(String text) {
        RequestBody body = RequestBody.parse(text, Set.of("command", "env", "terminal"));
        return command(body, terminal(body.node().get("terminal")), false);
    }

    /** The command of {@code run:detached}. */
    static OneOffCommand detached(String text) {
        RequestBody body = RequestBody.parse(text, Set.of("command", "env"));
        return command(body, Optional.empty(), true);
    }

    private static OneOffCommand command(RequestBody body, Optional<OneOffCommand.Terminal> terminal, boolean detached) {
        JsonNode words = body.node().get("command");
        if (words == null || !words.isArray() || words.isEmpty()) {
            throw new InvalidInput("the field 'command' must be the program and its arguments, as in [\"echo\", \"hi\"]");
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode w : words) {
            if (!w.isTextual()) {
                throw new InvalidInput("every word of 'command' must be a string");
            }
            argv.add(w.textValue());
        }
        try {
            return new OneOffCommand(argv, env(body.node().get("env")), terminal, detached);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    /** The size of {@code {"columns": C, "rows": R}}; empty for a missing or null field. */
    static Optional<OneOffCommand.Terminal> terminal(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject() || !node.path("columns").canConvertToInt() || !node.path("rows").canConvertToInt()
                || !node.path("columns").isIntegralNumber() || !node.path("rows").isIntegralNumber()) {
            throw new InvalidInput("a terminal's size must be {\"columns\": 80, \"rows\": 24}");
        }
        try {
            return Optional.of(new OneOffCommand.Terminal(node.get("columns").intValue(), node.get("rows").intValue()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    /** Extra variables: an object of strings, each a valid config var. */
    static Map<String, String> env(JsonNode node) {
        Map<String, String> env = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return env;
        }
        if (!node.isObject()) {
            throw new InvalidInput("the field 'env' must be an object of strings, as in {\"A\":\"1\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getValue().isTextual()) {
                throw new InvalidInput("the value of env var " + f.getKey() + " must be a string");
            }
            try {
                env.put(ConfigVars.requireValidName(f.getKey()), ConfigVars.requireValidValue(f.getKey(), f.getValue().textValue()));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfig(e.getMessage());
            }
        }
        return env;
    }
}
