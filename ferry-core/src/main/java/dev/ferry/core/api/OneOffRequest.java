package dev.ferry.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/apps/{app}/run/detached}: a one-off process of the app's current release.
 *
 * @param command the program and its arguments, passed exactly as given (required, not empty)
 * @param env     extra environment variables, named and sized as config vars (default none)
 */
public record OneOffRequest(List<String> command, Map<String, String> env) {

    public OneOffRequest {
        command = command == null ? null : List.copyOf(command);
        env = env == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }
}
