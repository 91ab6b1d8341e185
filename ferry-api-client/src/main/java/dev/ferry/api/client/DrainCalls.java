package dev.ferry.api.client;

import dev.ferry.core.api.DrainInfo;
import dev.ferry.core.api.DrainRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The typed calls about an app's log drains: the list, adding one, removing one by URL or token. */
public final class DrainCalls {

    private final ControlApiClient api;

    public DrainCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/apps/{app}/drains}. */
    public List<DrainInfo> list(String app) {
        return Arrays.asList(api.call("GET", AppPath.of(app, "/drains"), null, DrainInfo[].class));
    }

    /** {@code POST /api/apps/{app}/drains}. */
    public DrainInfo add(String app, String url) {
        return api.call("POST", AppPath.of(app, "/drains"), new DrainRequest(url), DrainInfo.class);
    }

    /** {@code DELETE /api/apps/{app}/drains/{urlOrToken}}. */
    public void remove(String app, String urlOrToken) {
        api.call("DELETE", AppPath.of(app, "/drains/" + AppPath.segment(urlOrToken)), null);
    }
}
