package dev.ferry.server.tunnel;

import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.AppStore;
import dev.ferry.router.Transport;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.tunnel.gateway.GatewayCertificate;
import dev.ferry.tunnel.gateway.GatewayConfig;
import dev.ferry.tunnel.gateway.TunnelGateway;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;

/**
 * Starts the platform's own tunnel gateway on the tunnel port, with its self-signed certificate kept in the data
 * directory ({@code tunnel-gateway.p12}; agents pin its fingerprint, learned from the control API), agents checked
 * against the store. Its id follows from the address it binds, so it stays the same across restarts.
 */
public final class GatewayWiring {

    private GatewayWiring() {
    }

    public static TunnelGateway start(FerryConfig config, Path dataDir, RouteRegistry registry, AccountStore accounts,
                                      AppStore apps, SessionRegistry sessions, AuthFailureLimiter authFailures,
                                      EventLoopGroup group, Transport transport) throws Exception {
        boolean wildcard = config.bindAddress().equals("0.0.0.0") || config.bindAddress().equals("::");
        GatewayConfig gatewayConfig = GatewayConfig.defaults(FerryConfig.bindPort(config.tunnelPort()),
                        "gw" + Endpoint.idFor(config.bindAddress(), config.tunnelPort()))
                .withBindAddress(config.bindAddress())
                .withAdvertisedHost(wildcard ? "localhost" : config.bindAddress());
        return new TunnelGateway(gatewayConfig, GatewayCertificate.loadOrCreate(dataDir.resolve("tunnel-gateway.p12")),
                registry, new StoreTunnelAuth(accounts, apps, config.domain()), sessions, authFailures, group,
                transport.serverChannel()).start();
    }
}
