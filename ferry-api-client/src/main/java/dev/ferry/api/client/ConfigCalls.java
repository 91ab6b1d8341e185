package dev.ferry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.api.ConfigChange;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** The typed calls about an app's config vars: read them, change them (one release). */
public final class ConfigCalls {

    private final ControlApiClient api;

    public ConfigCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/apps/{app}/config}: name to value, in the API's order. */
    public Map<String, String> get(String app) {
        return vars(api.call("GET", path(app), null).body());
    }

    /**
     * {@code PATCH /api/apps/{app}/config}; answers the vars once the new release serves or failed to, so it may
     * take up to {@code timeout}.
     */
    public Map<String, String> change(String app, ConfigChange change, Duration timeout) {
        return vars(api.call("PATCH", path(app), change.body(), timeout).body());
    }

    private static Map<String, String> vars(JsonNode answer) {
        return ApiJson.object(answer, "the config", JsonNode::asText);
    }

    private static String path(String app) {
        return AppPath.of(app, "/config");
    }
}
