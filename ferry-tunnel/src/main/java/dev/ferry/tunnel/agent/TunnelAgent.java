package dev.ferry.tunnel.agent;

import dev.ferry.tunnel.agent.GatewayDirectory.GatewayAddress;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The device side of a tunnel ({@code ferry tunnel PORT -a APP}): holds a TLS connection to a gateway (two
 * connections to two different gateways when more than one is known), serves the HTTP/2 streams the gateway
 * opens by relaying each to a new connection to {@code localhost:PORT}, and reconnects forever with jittered
 * exponential backoff (500 ms doubling to 60 s), also when the very first attempt fails. Only a refusal of the
 * token or app stops it ({@link #stopped()} then completes with a {@link TunnelRefusedException}).
 *
 * <p>Threading: one Netty event loop for every connection; directory look-ups (HTTP calls) on one other thread.
 */
public final class TunnelAgent implements AutoCloseable {

    private final AgentConfig config;
    private final GatewayDirectory directory;
    private final AgentListener listener;
    private final Inspector inspector;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService lookups = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ferry-tunnel-lookup");
        t.setDaemon(true);
        return t;
    });
    private final List<GatewayLink> links = new ArrayList<>();
    private final Set<GatewayAddress> held = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean closed;

    public TunnelAgent(AgentConfig config, GatewayDirectory directory, AgentListener listener) {
        this(config, directory, listener, null);
    }

    /** @param inspector keeps the last requests for {@code --inspect}, or {@code null} */
    public TunnelAgent(AgentConfig config, GatewayDirectory directory, AgentListener listener, Inspector inspector) {
        this.config = Objects.requireNonNull(config, "config");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.listener = listener == null ? new AgentListener() { } : listener;
        this.inspector = inspector;
    }

    /** Starts the first connection slot; a second starts once a second gateway is known. Returns at once. */
    public synchronized TunnelAgent start() {
        if (links.isEmpty()) {
            addLink();
        }
        return this;
    }

    /** Completes when the agent stops: normally after {@link #close()}, exceptionally when refused. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** How many gateway connections are up and serving. */
    public int connectedCount() {
        return (int) links.stream().filter(GatewayLink::connected).count();
    }

    synchronized void gatewaysKnown(int count) {
        while (!closed && links.size() < Math.min(count, config.connections())) {
            addLink();
        }
    }

    private void addLink() {
        GatewayLink link = new GatewayLink(links.size(), this);
        links.add(link);
        link.attempt();
    }

    void refuse(String message) {
        listener.refused(message);
        stopped.completeExceptionally(new TunnelRefusedException(message));
        close();
    }

    AgentConfig config() {
        return config;
    }

    GatewayDirectory directory() {
        return directory;
    }

    AgentListener listener() {
        return listener;
    }

    Inspector inspector() {
        return inspector;
    }

    EventLoopGroup group() {
        return group;
    }

    ExecutorService lookups() {
        return lookups;
    }

    /** The gateways other slots hold now, so that a slot picks a different one. */
    Set<GatewayAddress> held() {
        return held;
    }

    boolean closed() {
        return closed;
    }

    /** Closes every connection and stops reconnecting. */
    @Override
    public void close() {
        List<GatewayLink> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(links);
        }
        List<Future<?>> closing = all.stream().<Future<?>>map(GatewayLink::close).toList();
        lookups.shutdownNow();
        // The close of a TLS + HTTP/2 connection finishes in tasks of the event loop (GOAWAY, close_notify); a group
        // shut down before they ran would leave the socket open and the device's endpoint registered at the gateway.
        boolean onEventLoop = group.next().inEventLoop() || closing.stream().anyMatch(f -> f instanceof io.netty.channel.ChannelFuture cf
                && cf.channel().eventLoop().inEventLoop());
        if (!onEventLoop) {
            closing.forEach(f -> f.awaitUninterruptibly(3, TimeUnit.SECONDS));
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        } else {
            group.shutdownGracefully(500, 2_000, TimeUnit.MILLISECONDS);
        }
        stopped.complete(null);
    }
}
