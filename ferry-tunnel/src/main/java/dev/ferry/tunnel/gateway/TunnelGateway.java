package dev.ferry.tunnel.gateway;

import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.TunnelAgent;
import dev.ferry.core.route.TunnelAgents;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway role ({@code ferry up} runs one in-process on port 7000): accepts agents over TLS, checks each
 * one's token and app through {@link TunnelAuth}, and for each accepted agent opens a loopback listener that
 * it registers in the {@link RouteRegistry} as a tunnel endpoint of the app's names, with a TTL it refreshes.
 * The router connects to that listener like to any instance; each connection becomes one HTTP/2 stream to
 * the agent. When the agent goes, its endpoints are removed at once. The gateway keeps no other state, so
 * several can share one registry.
 *
 * <p>Threading: agent connections and their listeners' connections share one event loop per agent; the
 * token check and registry calls, which may block, run on the gateway's own two worker threads.
 */
public final class TunnelGateway implements AutoCloseable, TunnelAgents {

    private static final Logger log = LoggerFactory.getLogger(TunnelGateway.class);

    private final GatewayConfig config;
    private final GatewayCertificate certificate;
    private final TunnelAuth auth;
    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> serverChannel;
    private final ChannelGroup agents = new DefaultChannelGroup("tunnel-agents", GlobalEventExecutor.INSTANCE);
    private final ScheduledExecutorService workers;
    private final TunnelSessions sessions;
    private final SessionRegistry sessionRegistry;
    private final AuthFailureLimiter failures;
    private Channel listener;

    /**
     * @param group         event loops for agent connections and listeners (not shut down by {@link #close})
     * @param serverChannel the server channel class of that group's transport (NIO or epoll)
     */
    public TunnelGateway(GatewayConfig config, GatewayCertificate certificate, RouteRegistry registry, TunnelAuth auth,
                         EventLoopGroup group, Class<? extends ServerChannel> serverChannel) {
        this(config, certificate, new RegistryTunnelEndpoints(Objects.requireNonNull(registry, "registry")), auth,
                SessionRegistry.NONE, AuthFailureLimiter.unlimited(), group, serverChannel);
    }

    /**
     * A gateway publishing in {@code registry} whose tunnels are registered in {@code sessions} (closed when their
     * access goes) and whose agents' wrong tokens count in {@code failures}.
     */
    public TunnelGateway(GatewayConfig config, GatewayCertificate certificate, RouteRegistry registry, TunnelAuth auth,
                         SessionRegistry sessions, AuthFailureLimiter failures, EventLoopGroup group,
                         Class<? extends ServerChannel> serverChannel) {
        this(config, certificate, new RegistryTunnelEndpoints(Objects.requireNonNull(registry, "registry")), auth,
                sessions, failures, group, serverChannel);
    }

    /**
     * A gateway that publishes its tunnels through {@code endpoints} (a separate {@code ferry gateway} process
     * passes a client of the control API).
     *
     * @param group         event loops for agent connections and listeners (not shut down by {@link #close})
     * @param serverChannel the server channel class of that group's transport (NIO or epoll)
     */
    public TunnelGateway(GatewayConfig config, GatewayCertificate certificate, TunnelEndpoints endpoints, TunnelAuth auth,
                         EventLoopGroup group, Class<? extends ServerChannel> serverChannel) {
        this(config, certificate, endpoints, auth, SessionRegistry.NONE, AuthFailureLimiter.unlimited(), group, serverChannel);
    }

    /**
     * The full form: tunnels published through {@code endpoints}, registered in {@code sessions}, wrong tokens
     * counted in {@code failures}.
     */
    public TunnelGateway(GatewayConfig config, GatewayCertificate certificate, TunnelEndpoints endpoints, TunnelAuth auth,
                         SessionRegistry sessions, AuthFailureLimiter failures, EventLoopGroup group,
                         Class<? extends ServerChannel> serverChannel) {
        this.sessionRegistry = Objects.requireNonNull(sessions, "sessions");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.config = Objects.requireNonNull(config, "config");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(endpoints, "endpoints");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.group = Objects.requireNonNull(group, "group");
        this.serverChannel = Objects.requireNonNull(serverChannel, "serverChannel");
        this.workers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "ferry-gateway-worker");
            t.setDaemon(true);
            return t;
        });
        this.sessions = new TunnelSessions(config, endpoints, workers, group, serverChannel);
    }

    /** Binds the agents' port. */
    public TunnelGateway start() throws InterruptedException, SSLException {
        SslContext ssl = SslContextBuilder.forServer(certificate.key(), certificate.certificate()).build();
        listener = new ServerBootstrap()
                .group(group)
                .channel(serverChannel)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        agents.add(ch);
                        ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                        ch.pipeline().addLast("handshake-timeout",
                                new ReadTimeoutHandler(config.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast("lines", new LineBasedFrameDecoder(dev.ferry.tunnel.protocol.Hello.MAX_LINE_BYTES));
                        ch.pipeline().addLast("hello", new AgentHelloHandler(auth, workers, sessions, config,
                                sessionRegistry, failures));
                    }
                })
                .bind(config.bindAddress(), config.port()).sync().channel();
        log.info("tunnel gateway {} listening on {}:{} (certificate {})", config.gatewayId(), config.bindAddress(),
                port(), certificate.fingerprint());
        return this;
    }

    /** The bound agents' port. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The host agents should dial. */
    public String advertisedHost() {
        return config.advertisedHost();
    }

    /** What agents pin: {@code sha256:<hex>} of the gateway's certificate. */
    public String fingerprint() {
        return certificate.fingerprint();
    }

    /** The agents connected now: who, from where, since when, last heard when, and how much was relayed. */
    @Override
    public List<TunnelAgent> connected() {
        return sessions.agents();
    }

    /** Tunnels currently connected and registered. */
    public int tunnelCount() {
        return sessions.count();
    }

    /** Stops accepting agents, closes every tunnel and removes its endpoints from the registry. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        agents.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        sessions.closeAll();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
