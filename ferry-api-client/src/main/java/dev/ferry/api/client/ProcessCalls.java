package dev.ferry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.api.OneOffRequest;
import dev.ferry.core.api.OneOffStarted;
import dev.ferry.core.api.ProcessInfo;
import dev.ferry.core.api.ProcessTargetRequest;
import dev.ferry.core.api.ProcessesRestarted;
import dev.ferry.core.api.ProcessesStopped;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The typed calls about an app's processes and formation: the instances, the quantity per process type, scaling,
 * restarting and stopping. Scale and restart answer once the instances serve, so they take a {@code timeout}.
 */
public final class ProcessCalls {

    private final ControlApiClient api;

    public ProcessCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/apps/{app}/ps}, as the API answered it (to print) and read as records. */
    public Read<List<ProcessInfo>> list(String app) {
        JsonNode answer = api.call("GET", AppPath.of(app, "/ps"), null).body();
        return new Read<>(answer, Arrays.asList(ApiJson.read(answer, ProcessInfo[].class)));
    }

    /** {@code GET /api/apps/{app}/formation}: process type to quantity. */
    public Map<String, Integer> formation(String app) {
        return quantities(api.call("GET", AppPath.of(app, "/formation"), null).body());
    }

    /** {@code PATCH /api/apps/{app}/formation}: sets the named types' quantities; answers the whole formation. */
    public Map<String, Integer> scale(String app, Map<String, Integer> quantities, Duration timeout) {
        return quantities(api.call("PATCH", AppPath.of(app, "/formation"), quantities, timeout).body());
    }

    /** {@code POST /api/apps/{app}/ps/restart}: a type, an instance or ({@code null}) everything, one at a time. */
    public ProcessesRestarted restart(String app, String target, Duration timeout) {
        return ApiJson.read(api.call("POST", AppPath.of(app, "/ps/restart"), new ProcessTargetRequest(target), timeout)
                .body(), ProcessesRestarted.class);
    }

    /** {@code POST /api/apps/{app}/ps/stop}: a type or an instance, until the next restart, scale or deploy. */
    public ProcessesStopped stop(String app, String target, Duration timeout) {
        return ApiJson.read(api.call("POST", AppPath.of(app, "/ps/stop"), new ProcessTargetRequest(target), timeout)
                .body(), ProcessesStopped.class);
    }

    private static Map<String, Integer> quantities(JsonNode answer) {
        return ApiJson.object(answer, "the formation", JsonNode::asInt);
    }

    /** {@code POST /api/apps/{app}/run/detached}: starts a one-off process; answers its name. */
    public OneOffStarted runDetached(String app, OneOffRequest request) {
        return api.call("POST", AppPath.of(app, "/run/detached"), request, OneOffStarted.class);
    }
}
