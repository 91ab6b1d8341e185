package dev.ferry.api.client;

import dev.ferry.core.api.ReleaseInfo;
import dev.ferry.core.api.RollbackRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The typed calls about an app's releases: the list, one release, a rollback. */
public final class ReleaseCalls {

    private final ControlApiClient api;

    public ReleaseCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/apps/{app}/releases?limit=N}: the newest {@code limit}, newest first. */
    public List<ReleaseInfo> list(String app, int limit) {
        return Arrays.asList(api.call("GET", path(app, "?limit=" + limit), null, ReleaseInfo[].class));
    }

    /** {@code GET /api/apps/{app}/releases/{version}}, with its process types and config var names. */
    public ReleaseInfo info(String app, int version) {
        return api.call("GET", path(app, "/" + version), null, ReleaseInfo.class);
    }

    /**
     * {@code POST /api/apps/{app}/releases/rollback}; answers once the new release serves or failed to, so it may
     * take up to {@code timeout}.
     */
    public ReleaseInfo rollback(String app, Integer version, Duration timeout) {
        return ApiJson.read(api.call("POST", path(app, "/rollback"), new RollbackRequest(version), timeout).body(),
                ReleaseInfo.class);
    }

    private static String path(String app, String rest) {
        return AppPath.of(app, "/releases" + rest);
    }
}
