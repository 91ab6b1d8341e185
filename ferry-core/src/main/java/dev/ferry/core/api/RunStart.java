package dev.ferry.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first text frame a client sends on {@code /api/apps/{app}/run/attach} ({@code ferry run}): what to start.
 *
 * @param command  the program and its arguments, passed exactly as given (required, not empty)
 * @param env      extra environment variables, named and sized as config vars (default none)
 * @param terminal the size of a terminal to run on (a PTY); {@code null} for pipes, output and error apart
 */
public record RunStart(List<String> command, Map<String, String> env, TerminalSize terminal) {

    public RunStart {
        command = command == null ? null : List.copyOf(command);
        env = env == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }
}
