package dev.ferry.router.route;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HealthCheck;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active health checks of one route: every interval, one {@link HealthProbe} per endpoint.
 *
 * <p>Threading: probes, results and the rise/fall counters run on one event loop of the shared group;
 * {@link #update} and {@link #close} come from the thread applying route changes. Health per endpoint id
 * survives updates, so a route change does not reset what the checks learnt.
 */
final class HealthChecker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final String routeName;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Map<String, EndpointHealth> health = new ConcurrentHashMap<>();
    private volatile List<Endpoint> endpoints = List.of();
    private volatile String hostHeader;
    private volatile HealthCheck check;
    private volatile boolean closed;
    private ScheduledFuture<?> ticker;

    /**
     * @param hostHeader the Host header to send, or {@code null} to send each endpoint's authority; checks
     *                   start with the first {@link #update}
     */
    HealthChecker(String routeName, EventLoop loop, Bootstrap template, HealthCheck check, String hostHeader) {
        this.routeName = routeName;
        this.loop = loop;
        this.bootstrap = template.clone(loop);
        this.check = check;
        this.hostHeader = hostHeader;
    }

    /** The health of one endpoint id; new ids start healthy. */
    EndpointHealth healthFor(String endpointId) {
        return health.computeIfAbsent(endpointId, id -> new EndpointHealth());
    }

    /** The route changed: new pool and maybe new settings. */
    synchronized void update(List<Endpoint> newEndpoints, HealthCheck newCheck, String newHostHeader) {
        Set<String> ids = new HashSet<>();
        for (Endpoint e : newEndpoints) {
            ids.add(e.id());
        }
        this.endpoints = List.copyOf(newEndpoints);
        health.keySet().retainAll(ids);
        this.hostHeader = newHostHeader;
        if (closed) {
            return;
        }
        if (ticker == null || !newCheck.equals(check)) {
            this.check = newCheck;
            if (ticker != null) {
                ticker.cancel(false);
            }
            schedule(newCheck);
        }
    }

    private void schedule(HealthCheck hc) {
        long intervalMillis = hc.interval().toMillis();
        ticker = loop.scheduleAtFixedRate(this::tick, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (closed) {
            return;
        }
        HealthCheck hc = check;
        String host = hostHeader;
        for (Endpoint e : endpoints) {
            probe(e, hc, host != null ? host : e.authority());
        }
    }

    private void probe(Endpoint endpoint, HealthCheck hc, String host) {
        EndpointHealth h = healthFor(endpoint.id());
        HealthProbe probe = new HealthProbe(hc.path(), host, ok -> record(endpoint, h, hc, ok));
        int timeoutMillis = (int) hc.timeout().toMillis();
        ChannelFuture connect = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(probe)
                .connect(endpoint.host(), endpoint.port());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                probe.report(null, false);
            }
        });
        loop.schedule(() -> {
            // an answer still arriving is cut here; an answer already complete closed its connection
            connect.channel().close();
            if (!probe.reported()) {
                probe.report(null, false);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void record(Endpoint endpoint, EndpointHealth h, HealthCheck hc, boolean ok) {
        if (closed || health.get(endpoint.id()) != h) {
            return;
        }
        if (h.record(ok, hc.rise(), hc.fall())) {
            if (h.up) {
                log.info("{}: endpoint {} is healthy again", routeName, endpoint.authority());
            } else {
                log.warn("{}: endpoint {} failed {} health checks of {} in a row; taken out", routeName,
                        endpoint.authority(), hc.fall(), hc.path());
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}
