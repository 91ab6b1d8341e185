package dev.ferry.server.gateway;

import dev.ferry.api.client.ApiRefused;
import dev.ferry.api.client.ControlApiClient;
import dev.ferry.api.client.TunnelGatewayCalls;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.access.RevalidatedSessions;
import dev.ferry.core.api.GatewayRegistration;
import dev.ferry.core.route.Endpoint;
import dev.ferry.server.access.AccessEventLog;
import dev.ferry.router.Transport;
import dev.ferry.tunnel.gateway.GatewayCertificate;
import dev.ferry.tunnel.gateway.GatewayConfig;
import dev.ferry.tunnel.gateway.TunnelGateway;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ferry gateway} role: a {@link TunnelGateway} in its own process that uses the platform through
 * its control API: agents' tokens are checked by {@link ControlApiTunnelAuth} when they connect and again every
 * {@link #RECHECK_INTERVAL} while their tunnel lives ({@link RevalidatedSessions}: a revoked token, a removed
 * collaborator or a destroyed app closes the tunnel within about that long; see docs/security.md), tunnels are published by
 * {@link ControlApiTunnelEndpoints}, and the gateway registers itself (host, port, certificate fingerprint)
 * for {@link #REGISTRATION_TTL}, renewed every {@link #REGISTRATION_REFRESH}, so agents learn it and forget it
 * if it dies. Its certificate is kept in its own data dir ({@code tunnel-gateway.p12}).
 */
public final class SeparateGateway implements AutoCloseable {

    /** How long a registration lives without renewal (30 s). */
    public static final Duration REGISTRATION_TTL = Duration.ofSeconds(30);
    /** How long one call to the control API may take. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** How often it is renewed (10 s). */
    public static final Duration REGISTRATION_REFRESH = Duration.ofSeconds(10);
    /** How often each tunnel's access is asked again, so that a revocation cuts it within about this long (1 s). */
    public static final Duration RECHECK_INTERVAL = Duration.ofMillis(RevalidatedSessions.DEFAULT_INTERVAL_MILLIS);

    private static final Logger log = LoggerFactory.getLogger(SeparateGateway.class);

    /**
     * @param apiUrl     the platform's control API, e.g. {@code http://127.0.0.1:7070}
     * @param adminToken an admin's token (the gateway writes routes)
     * @param bind       where agents connect, e.g. {@code 127.0.0.2}
     * @param port       the agents' port (0 for an ephemeral one)
     * @param dataDir    where the gateway keeps its certificate
     */
    public record Settings(URI apiUrl, String adminToken, String bind, int port, Path dataDir) {
        public Settings {
            Objects.requireNonNull(apiUrl, "apiUrl");
            Objects.requireNonNull(adminToken, "adminToken");
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(dataDir, "dataDir");
        }
    }

    private final TunnelGatewayCalls api;
    private final String id;
    private final TunnelGateway gateway;
    private final EventLoopGroup group;
    private final RevalidatedSessions rechecks;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-gateway-registration");
        t.setDaemon(true);
        return t;
    });

    private SeparateGateway(TunnelGatewayCalls api, String id, TunnelGateway gateway, EventLoopGroup group,
                            RevalidatedSessions rechecks) {
        this.rechecks = rechecks;
        this.api = api;
        this.id = id;
        this.gateway = gateway;
        this.group = group;
    }

    /**
     * Binds the agents' port and registers with the platform.
     *
     * @throws ApiRefused when the platform refuses the admin token (the gateway is stopped again)
     */
    public static SeparateGateway start(Settings settings) throws Exception {
        Files.createDirectories(settings.dataDir());
        boolean wildcard = settings.bind().equals("0.0.0.0") || settings.bind().equals("::");
        // Stable for a fixed port, so a restarted gateway replaces its own registration and endpoints.
        String id = "gw" + Endpoint.idFor(settings.bind(), settings.port())
                + (settings.port() == 0 ? "-" + Long.toHexString(System.nanoTime() & 0xffffff) : "");
        GatewayConfig config = GatewayConfig.defaults(settings.port(), id)
                .withBindAddress(settings.bind())
                .withAdvertisedHost(wildcard ? "localhost" : settings.bind());
        TunnelGatewayCalls api = new TunnelGatewayCalls(new ControlApiClient(apiUrl(settings.apiUrl()),
                settings.adminToken(), CALL_TIMEOUT), id);
        // Checks the admin token before binding anything, and drops a registration a killed run left.
        api.deregister();
        Transport transport = Transport.detect();
        EventLoopGroup group = transport.newGroup(0, "ferry-gateway-io");
        RevalidatedSessions rechecks = new RevalidatedSessions(RECHECK_INTERVAL, new AccessEventLog());
        TunnelGateway gateway = null;
        try {
            // Wrong agent tokens are counted by the platform, per agent address, when the grants API is asked.
            gateway = new TunnelGateway(config, GatewayCertificate.loadOrCreate(settings.dataDir().resolve("tunnel-gateway.p12")),
                    new ControlApiTunnelEndpoints(api),
                    new ControlApiTunnelAuth(api), rechecks, AuthFailureLimiter.unlimited(),
                    group, transport.serverChannel()).start();
            SeparateGateway started = new SeparateGateway(api, id, gateway, group, rechecks);
            started.register();
            started.renewals.scheduleWithFixedDelay(started::renew, REGISTRATION_REFRESH.toMillis(),
                    REGISTRATION_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
            return started;
        } catch (Exception | Error e) {
            if (gateway != null) {
                gateway.close();
            }
            rechecks.close();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            throw e;
        }
    }

    private void register() {
        api.register(GatewayRegistration.request(gateway.advertisedHost(), gateway.port(), gateway.fingerprint(),
                (int) REGISTRATION_TTL.toSeconds()));
        api.agents(GatewayAgentsReport.of(gateway.connected())); // for the admins' tunnels page
    }

    private void renew() {
        try {
            register();
        } catch (RuntimeException e) {
            log.warn("cannot renew gateway {} with the platform: {}", id, e.getMessage());
        }
    }

    /** The agents' port. */
    public int port() {
        return gateway.port();
    }

    public String id() {
        return id;
    }

    /** Tunnels connected now. */
    public int tunnelCount() {
        return gateway.tunnelCount();
    }

    /** Deregisters, closes every tunnel (withdrawing its endpoints) and stops; once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        renewals.shutdownNow();
        try {
            api.deregister();
        } catch (RuntimeException e) {
            log.warn("cannot deregister gateway {}: {} (its registration expires by itself)", id, e.getMessage());
        }
        rechecks.close();
        gateway.close();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The base URL without a trailing slash, as the client joins paths to it. */
    private static String apiUrl(URI uri) {
        String url = uri.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
