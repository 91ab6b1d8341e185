package dev.ferry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.api.BuildInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** The typed calls about an app's builds: the newest ones, and one build's output. */
public final class BuildCalls {

    private final ControlApiClient api;

    public BuildCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/apps/{app}/builds?limit=N}, newest first, as the API answered it (to print) and as records. */
    public Read<List<BuildInfo>> list(String app, int limit) {
        JsonNode answer = api.call("GET", AppPath.of(app, "/builds?limit=" + limit), null).body();
        return new Read<>(answer, Arrays.asList(ApiJson.read(answer, BuildInfo[].class)));
    }

    /** {@code GET /api/apps/{app}/builds/{id}/output}: each line as it arrives, until the build ends. */
    public void output(String app, String id, Consumer<String> lines) {
        api.streamLines(AppPath.of(app, "/builds/" + AppPath.segment(id) + "/output"), lines);
    }
}
