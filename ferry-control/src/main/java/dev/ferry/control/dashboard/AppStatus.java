package dev.ferry.control.dashboard;

import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.runtime.ActualState;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.ReleaseStore;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import java.util.List;
import java.util.Optional;

/**
 * What the apps list says of an app, read from the store (its newest and current releases), the runtime (its
 * instances) and the route table (a tunnel endpoint of its host): one state word, the current release and the
 * newest release's time.
 */
final class AppStatus {

    /** One app's line in the apps list. */
    record Summary(String state, Optional<Release> current, Optional<Release> newest) {
    }

    private final ReleaseStore releases;
    private final Optional<AppRuntime> runtime;
    private final RouteRegistry registry;
    private final AppHostNames hosts;

    AppStatus(ReleaseStore releases, Optional<AppRuntime> runtime, RouteRegistry registry, AppHostNames hosts) {
        this.releases = releases;
        this.runtime = runtime;
        this.registry = registry;
        this.hosts = hosts;
    }

    Summary of(AppName app) {
        Optional<Release> newest = releases.releases(app, Page.first(1)).items().stream().findFirst();
        Optional<Release> current = releases.currentRelease(app);
        List<Instance> instances = runtime.map(r -> r.actual(app)).map(ActualState::instances).orElse(List.of());
        return new Summary(state(app, newest, instances), current, newest);
    }

    private String state(AppName app, Optional<Release> newest, List<Instance> instances) {
        Optional<String> tunnel = tunnelState(app);
        if (tunnel.isPresent()) {
            return tunnel.get();
        }
        if (newest.map(r -> r.status() == ReleaseStatus.PENDING).orElse(false)
                || instances.stream().anyMatch(i -> i.state() == InstanceState.STARTING)) {
            return "deploying";
        }
        if (instances.stream().anyMatch(i -> i.state() == InstanceState.CRASHED)) {
            return "crashed";
        }
        if (newest.map(r -> r.status() == ReleaseStatus.FAILED).orElse(false)) {
            return "failed";
        }
        if (instances.stream().anyMatch(i -> i.state() == InstanceState.UP)) {
            return "running";
        }
        return newest.isEmpty() ? "new" : "stopped";
    }

    /** {@code tunnel} while a device serves the app's host, {@code offline tunnel} when its tunnel route has none. */
    private Optional<String> tunnelState(AppName app) {
        Route route = registry.table().route(hosts.defaultHost(app));
        if (route == null) {
            return Optional.empty();
        }
        if (route.endpoints().stream().anyMatch(Endpoint::tunnel)) {
            return Optional.of("tunnel");
        }
        return route.policy().tunnel() && route.endpoints().isEmpty() ? Optional.of("offline tunnel") : Optional.empty();
    }
}
