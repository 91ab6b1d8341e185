package dev.ferry.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/apps/{app}/run}: a command line run once by {@code sh -c} in the app's current release, its output
 * streamed back as NDJSON (for scripts that cannot open a WebSocket; {@code ferry run} uses {@link RunStart}).
 *
 * @param command the command line (required, not blank, at most 10,000 characters)
 * @param env     extra environment variables, named and sized as config vars (default none)
 */
public record RunLineRequest(String command, Map<String, String> env) {

    public RunLineRequest {
        env = env == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }
}
