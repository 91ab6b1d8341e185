package dev.ferry.tunnel;

import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.store.AppName;
import dev.ferry.router.Router;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.Transport;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.route.LiveRoutes;
import dev.ferry.router.route.LiveRoutesConfig;
import dev.ferry.store.route.JournaledRouteRegistry;
import dev.ferry.tunnel.agent.AgentConfig;
import dev.ferry.tunnel.agent.AgentListener;
import dev.ferry.tunnel.agent.GatewayDirectory;
import dev.ferry.tunnel.agent.RequestRecord;
import dev.ferry.tunnel.agent.TunnelAgent;
import dev.ferry.tunnel.gateway.GatewayCertificate;
import dev.ferry.tunnel.gateway.GatewayConfig;
import dev.ferry.tunnel.gateway.TunnelAuth;
import dev.ferry.tunnel.gateway.TunnelGateway;
import dev.ferry.tunnel.gateway.TunnelRefused;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A router in front of tunnel gateways on one shared in-memory registry, as {@code ferry up} wires them, with
 * two users: alice's token may use {@code hello}, bob's only {@code other}. Agents find the gateways through a
 * directory that lists the ones running now. Everything on 127.0.0.1 and ephemeral ports.
 */
final class TunnelFixture implements AutoCloseable {

    static final String ALICE = "alice-token";
    static final String BOB = "bob-token";
    static final String DOMAIN = "localhost";

    private static final Map<String, List<String>> APPS = Map.of(ALICE, List.of("hello"), BOB, List.of("other"));

    final JournaledRouteRegistry registry = JournaledRouteRegistry.inMemory();
    final Transport transport = Transport.detect();
    final EventLoopGroup group = transport.newGroup(2, "tunnel-test");
    final LiveRoutes routes;
    final Router router;
    final List<TunnelGateway> gateways = new CopyOnWriteArrayList<>();
    final List<TunnelAgent> agents = new ArrayList<>();
    final GatewayCertificate certificate = GatewayCertificate.generate();
    volatile boolean apiDown;

    static final TunnelAuth AUTH = (token, app) -> {
        List<String> apps = APPS.get(token);
        if (apps == null) {
            throw TunnelRefused.unauthorized();
        }
        if (!apps.contains(app.value())) {
            throw TunnelRefused.forbidden(token.replace("-token", "") + "@example.com", app.value());
        }
        return new TunnelAuth.Grant(new dev.ferry.core.store.UserId(1), app, TunnelAuth.previewHost(app, DOMAIN), List.of(app.value() + "." + DOMAIN));
    };

    TunnelFixture() {
        routes = new LiveRoutes(registry, LiveRoutesConfig.builder().passiveEjection(Duration.ofMillis(100)).build(),
                transport, group, new SimpleMeterRegistry());
        routes.start();
        router = new Router(RouterConfig.builder().bindAddress("127.0.0.1").httpPort(0).build(), routes, transport,
                group, new SimpleMeterRegistry(), AccessLog.NONE);
        router.start();
    }

    int httpPort() {
        return router.httpPort();
    }

    RouteRegistry registry() {
        return registry;
    }

    /** Starts a gateway on 127.0.0.1 and the given port (0 for an ephemeral one). */
    TunnelGateway startGateway(int port, String id) throws Exception {
        return startGateway(port, id, certificate);
    }

    TunnelGateway startGateway(int port, String id, GatewayCertificate cert) throws Exception {
        return startGateway(GatewayConfig.defaults(port, id).withBindAddress("127.0.0.1").withAdvertisedHost("127.0.0.1"), cert);
    }

    TunnelGateway startGateway(GatewayConfig config, GatewayCertificate cert) throws Exception {
        TunnelGateway g = new TunnelGateway(config, cert, registry, AUTH, group, transport.serverChannel()).start();
        gateways.add(g);
        return g;
    }

    void stopGateway(TunnelGateway g) {
        gateways.remove(g);
        g.close();
    }

    GatewayDirectory directory() {
        return app -> {
            if (apiDown) {
                throw new IOException("connection refused");
            }
            List<GatewayDirectory.GatewayAddress> list = gateways.stream()
                    .map(g -> new GatewayDirectory.GatewayAddress(g.advertisedHost(), g.port(), g.fingerprint()))
                    .toList();
            return new GatewayDirectory.Directory(list, TunnelAuth.previewHost(app, DOMAIN));
        };
    }

    TunnelAgent agent(String app, String token, int localPort, boolean takeover, AgentListener listener) {
        AgentConfig config = AgentConfig.of(AppName.of(app), token, localPort, takeover)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        TunnelAgent a = new TunnelAgent(config, directory(), listener).start();
        agents.add(a);
        return a;
    }

    /** Records what an agent reports. */
    static final class Events implements AgentListener {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<RequestRecord> requests = new CopyOnWriteArrayList<>();
        volatile String refusal;

        @Override
        public void connected(GatewayDirectory.GatewayAddress gateway, List<String> hosts) {
            lines.add("connected " + gateway + " " + hosts);
        }

        @Override
        public void disconnected(GatewayDirectory.GatewayAddress gateway, String reason) {
            lines.add("disconnected " + gateway);
        }

        @Override
        public void retrying(Duration delay, String reason) {
            lines.add("retrying " + reason);
        }

        @Override
        public void request(RequestRecord request) {
            requests.add(request);
        }

        @Override
        public void refused(String message) {
            refusal = message;
        }

        long count(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).count();
        }
    }


    @Override
    public void close() {
        agents.forEach(TunnelAgent::close);
        gateways.forEach(TunnelGateway::close);
        router.close();
        routes.close();
        registry.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
