package dev.ferry.router.proxy;

import dev.ferry.router.RouterConfig;
import dev.ferry.router.handler.ConnectionLimiter;
import dev.ferry.router.handler.TrustedProxies;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.metrics.RouterMetrics;
import dev.ferry.router.route.RouteLookup;
import dev.ferry.router.tls.HttpsPolicies;
import io.netty.channel.group.ChannelGroup;
import java.util.Objects;

/**
 * What every client connection of one router shares: its configuration, the route lookup, the backend
 * pool, metrics, the access log, the group of open client connections and their caps, and each host's HTTPS redirect and HSTS settings. Built by the router.
 */
public record ProxyRuntime(RouterConfig config, RouteLookup routes, BackendConnectionPool backends,
                           RouterMetrics metrics, AccessLog accessLog, TrustedProxies trustedProxies,
                           ChannelGroup clientChannels, ConnectionLimiter connectionLimiter,
                           HttpsPolicies https) {

    public ProxyRuntime {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(accessLog, "accessLog");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(clientChannels, "clientChannels");
        Objects.requireNonNull(connectionLimiter, "connectionLimiter");
        Objects.requireNonNull(https, "https");
    }
}
