package dev.ferry.control.ps;

import dev.ferry.control.error.InvalidConfig;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.OneOffRequest;
import dev.ferry.core.api.RunInput;
import dev.ferry.core.api.RunStart;
import dev.ferry.core.api.TerminalSize;
import dev.ferry.core.runtime.OneOffCommand;
import dev.ferry.core.store.ConfigVars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a client asks {@code run} to start ({@link RunStart} over the WebSocket, {@link OneOffRequest} for
 * {@code run:detached}) and the frames that follow ({@link RunInput}): {@code command} is the program and its
 * arguments, passed exactly; {@code env} extra variables (named and sized as config vars); {@code terminal} present
 * for a PTY. Every refusal is a 400 (422 for a bad variable) naming the field.
 */
final class RunRequest {

    private RunRequest() {
    }

    /** The command of a {@code run} over the WebSocket; {@code terminal} allowed. */
    static OneOffCommand attached(String text) {
        RunStart start = RequestBody.parse(text, RunStart.class);
        return command(start.command(), start.env(), terminal(start.terminal()), false);
    }

    /** The command of {@code run:detached}. */
    static OneOffCommand detached(String text) {
        OneOffRequest request = RequestBody.parse(text, OneOffRequest.class);
        return command(request.command(), request.env(), Optional.empty(), true);
    }

    /** A frame sent while the process runs. */
    static RunInput input(String text) {
        return RequestBody.parse(text, RunInput.class);
    }

    private static OneOffCommand command(List<String> words, Map<String, String> env,
                                         Optional<OneOffCommand.Terminal> terminal, boolean detached) {
        if (words == null || words.isEmpty()) {
            throw new InvalidInput("the field 'command' must be the program and its arguments, as in [\"echo\", \"hi\"]");
        }
        try {
            return new OneOffCommand(words, env(env), terminal, detached);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    /** The terminal of a size; empty for none. */
    static Optional<OneOffCommand.Terminal> terminal(TerminalSize size) {
        if (size == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OneOffCommand.Terminal(size.columns(), size.rows()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    /** Extra variables, each a valid config var; empty for none. */
    static Map<String, String> env(Map<String, String> given) {
        Map<String, String> env = new LinkedHashMap<>();
        if (given == null) {
            return env;
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (e.getValue() == null) {
                throw new InvalidInput("the value of env var " + e.getKey() + " must be a string");
            }
            try {
                env.put(ConfigVars.requireValidName(e.getKey()), ConfigVars.requireValidValue(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new InvalidConfig(ex.getMessage());
            }
        }
        return env;
    }
}
