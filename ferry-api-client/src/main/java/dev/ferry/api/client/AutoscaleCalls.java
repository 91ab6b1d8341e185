package dev.ferry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.api.AutoscaleInfo;
import dev.ferry.core.api.AutoscaleRequest;
import java.util.Objects;

/**
 * The typed calls about an app's autoscaling of {@code web} ({@code ferry ps:autoscale}), each answered with the
 * setting and the last decisions, and with the JSON as the API sent it (for {@code --json}).
 */
public final class AutoscaleCalls {

    private final ControlApiClient api;

    public AutoscaleCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/apps/{app}/autoscale}. */
    public Read<AutoscaleInfo> get(String app) {
        return read(api.call("GET", AppPath.of(app, "/autoscale"), null).body());
    }

    /** {@code PUT /api/apps/{app}/autoscale}: turns autoscaling on, or changes its rule. */
    public Read<AutoscaleInfo> enable(String app, AutoscaleRequest rule) {
        return read(api.call("PUT", AppPath.of(app, "/autoscale"), rule).body());
    }

    /** {@code DELETE /api/apps/{app}/autoscale}: turns it off; the quantity stays where it is. */
    public Read<AutoscaleInfo> disable(String app) {
        return read(api.call("DELETE", AppPath.of(app, "/autoscale"), null).body());
    }

    private static Read<AutoscaleInfo> read(JsonNode answer) {
        return new Read<>(answer, ApiJson.read(answer, AutoscaleInfo.class));
    }
}
