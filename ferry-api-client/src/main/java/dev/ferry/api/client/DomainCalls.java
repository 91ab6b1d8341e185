package dev.ferry.api.client;

import dev.ferry.core.api.DomainInfo;
import dev.ferry.core.api.DomainRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The typed calls about an app's custom domains: the list, adding one, removing one. */
public final class DomainCalls {

    private final ControlApiClient api;

    public DomainCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/apps/{app}/domains}. */
    public List<DomainInfo> list(String app) {
        return Arrays.asList(api.call("GET", AppPath.of(app, "/domains"), null, DomainInfo[].class));
    }

    /** {@code POST /api/apps/{app}/domains}; answers the domain as the platform stored it (lower case). */
    public DomainInfo add(String app, String hostname, boolean force) {
        return api.call("POST", AppPath.of(app, "/domains"), new DomainRequest(hostname, force), DomainInfo.class);
    }

    /** {@code DELETE /api/apps/{app}/domains/{hostname}}. */
    public void remove(String app, String hostname) {
        api.call("DELETE", AppPath.of(app, "/domains/" + AppPath.segment(hostname)), null);
    }
}
