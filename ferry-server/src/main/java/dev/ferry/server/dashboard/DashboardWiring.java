package dev.ferry.server.dashboard;

import dev.ferry.control.ControlApi;
import dev.ferry.control.auth.BrowserSessions;
import dev.ferry.control.dashboard.Dashboard;
import dev.ferry.control.dashboard.DashboardConfig;
import dev.ferry.control.dashboard.DashboardLinksApi;
import dev.ferry.control.dashboard.DashboardSessions;
import dev.ferry.control.dashboard.ResourceSampler;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.TunnelAgents;
import dev.ferry.core.runtime.InstanceMeter;
import dev.ferry.core.runtime.ResourceSeries;
import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Store;
import dev.ferry.core.traffic.TrafficSeries;
import dev.ferry.router.log.AccessLog;
import dev.ferry.tunnel.gateway.TunnelGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The dashboard's parts of the platform, made in two steps like the usage ones: the {@link TrafficSeries} and its
 * access log sink before the router starts, then, once the store and the runtime run, the {@link Dashboard} pages
 * for the control API, whose {@link #sessions} the API's authentication takes too. Sessions live in memory
 * ({@link DashboardConfig#DEFAULT}) and end with the process.
 */
public final class DashboardWiring {

    private final TrafficSeries traffic;
    private final String appsDomain;
    private final ResourceSeries resources = new ResourceSeries();
    private final DashboardSessions sessions = new DashboardSessions(DashboardConfig.DEFAULT, Clock.systemUTC());

    /**
     * @param slotWidth  the traffic series' slot width: a minute, shorter only for tests' short autoscaler windows
     * @param appsDomain the apps' domain, for the pages' links to apps
     */
    public DashboardWiring(Duration slotWidth, String appsDomain) {
        this.traffic = new TrafficSeries(TrafficSeries.DEFAULT_MAX_APPS, slotWidth);
        this.appsDomain = appsDomain;
    }

    /** The sink that feeds the traffic series from the router's access log. */
    public AccessLog trafficSink(Function<String, Optional<AppName>> appOfHost) {
        return new TrafficSeriesSink(traffic, appOfHost);
    }

    /**
     * The dashboard pages over the platform's store, runtime, route table and tunnel gateways (its own, {@code null}
     * when none runs in this process, and the separate ones registered with it), and the API of one-time links.
     */
    public List<ControlApi> apis(Store store, AuthFailureLimiter failures, Deployments deployments,
                                 RouteRegistry registry, TunnelGateway gateway, TunnelAgents separateGateways) {
        TunnelAgents own = gateway == null ? TunnelAgents.NONE : gateway;
        TunnelAgents agents = () -> Stream.concat(own.connected().stream(), separateGateways.connected().stream())
                .toList();
        return List.of(Dashboard.create(sessions, store, store::authenticate, failures, deployments, registry, traffic,
                resources, agents, appsDomain, Clock.systemUTC()), new DashboardLinksApi(sessions));
    }

    /**
     * Starts sampling the instances' CPU and memory every {@link ResourceSampler#DEFAULT_INTERVAL} for the charts,
     * through the runtime's meter; with no runtime, or one that does not measure, nothing is sampled.
     */
    public ResourceSampler startSampling(Store store, Deployments deployments) {
        InstanceMeter meter = deployments.runtime().map(InstanceMeter::of).orElse(InstanceMeter.NONE);
        return new ResourceSampler(store, meter, resources, Clock.systemUTC()).start(ResourceSampler.DEFAULT_INTERVAL);
    }

    /** The browser sessions the API accepts besides bearer tokens. */
    public BrowserSessions sessions() {
        return sessions;
    }

    /** Drops a destroyed app's traffic and moves a renamed app's, with the platform's other clean-ups. */
    public AppDataCleanup cleanup() {
        return new TrafficSeriesCleanup(traffic, resources);
    }

    /** Each app's last day of traffic, per minute: the dashboard's charts and the autoscaler's latency. */
    public TrafficSeries traffic() {
        return traffic;
    }
}
