package dev.ferry.tunnel.agent;

import dev.ferry.core.retry.Backoff;
import dev.ferry.tunnel.agent.GatewayDirectory.Directory;
import dev.ferry.tunnel.agent.GatewayDirectory.GatewayAddress;
import dev.ferry.tunnel.protocol.Fingerprints;
import dev.ferry.tunnel.protocol.Hello;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One connection slot of an agent: look up the gateways, dial one that no other slot holds, handshake, serve
 * until the connection ends, then wait a backoff and start over, forever. The backoff restarts after each
 * accepted handshake.
 */
final class GatewayLink {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final int slot;
    private final TunnelAgent agent;
    private final Backoff backoff;
    /** Failed connections since the last accepted handshake; reset by {@link #welcomed}. */
    private volatile int failuresInRow;
    private volatile Channel channel;
    private volatile GatewayAddress gateway;
    private volatile boolean serving;
    private int attempts;

    GatewayLink(int slot, TunnelAgent agent) {
        this.slot = slot;
        this.agent = agent;
        this.backoff = Backoff.doubling(agent.config().initialBackoff(), agent.config().maxBackoff()).withJitter(0.5);
    }

    boolean connected() {
        return serving;
    }

    void attempt() {
        if (agent.closed()) {
            return;
        }
        try {
            agent.lookups().execute(this::lookUpAndDial);
        } catch (RejectedExecutionException e) {
            // the agent is closing
        }
    }

    private void lookUpAndDial() {
        Directory d;
        try {
            d = agent.directory().fetch(agent.config().app());
        } catch (TunnelRefusedException e) {
            agent.refuse(e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            retry("cannot reach the control API: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            return;
        }
        if (d.gateways().isEmpty()) {
            retry("the platform has no tunnel gateway");
            return;
        }
        agent.gatewaysKnown(d.gateways().size());
        GatewayAddress chosen = choose(d.gateways());
        attempts++;
        dial(chosen);
    }

    private GatewayAddress choose(List<GatewayAddress> gateways) {
        int n = gateways.size();
        for (int i = 0; i < n; i++) {
            GatewayAddress g = gateways.get((slot + attempts + i) % n);
            if (!agent.held().contains(g)) {
                return g;
            }
        }
        return gateways.get((slot + attempts) % n);
    }

    private void dial(GatewayAddress g) {
        SslContext ssl;
        try {
            ssl = SslContextBuilder.forClient()
                    .trustManager(Fingerprints.pinning(g.fingerprint()))
                    .endpointIdentificationAlgorithm(null)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            retry("cannot set up TLS for " + g + ": " + e.getMessage());
            return;
        }
        gateway = g;
        Bootstrap b = new Bootstrap()
                .group(agent.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) HANDSHAKE_TIMEOUT.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc(), g.host(), g.port()));
                        ch.pipeline().addLast("handshake-timeout",
                                new ReadTimeoutHandler(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast("lines", new LineBasedFrameDecoder(Hello.MAX_LINE_BYTES));
                        ch.pipeline().addLast("welcome", new GatewayWelcomeHandler(GatewayLink.this, g));
                    }
                });
        try {
            b.connect(g.host(), g.port()).addListener(f -> {
                if (!f.isSuccess()) {
                    retry("cannot connect to the gateway " + g + ": " + f.cause().getMessage());
                    return;
                }
                Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
                channel = ch;
                if (agent.closed()) {
                    ch.close();
                }
                ch.closeFuture().addListener(c -> ended(g));
            });
        } catch (RejectedExecutionException e) {
            // the agent is closing
        }
    }

    /** The gateway welcomed this connection; it now serves streams. */
    void welcomed(GatewayAddress g, List<String> hosts) {
        serving = true;
        agent.held().add(g);
        failuresInRow = 0;
        agent.listener().connected(g, hosts);
    }

    /** The gateway refused for good (token, app). */
    void refused(String message) {
        agent.refuse(message);
    }

    private void ended(GatewayAddress g) {
        boolean wasServing = serving;
        serving = false;
        agent.held().remove(g);
        if (agent.closed()) {
            return;
        }
        if (wasServing) {
            agent.listener().disconnected(g, "the connection to the gateway " + g + " ended");
        }
        retry(wasServing ? "reconnecting to a gateway" : "the handshake with the gateway " + g + " failed");
    }

    private void retry(String reason) {
        if (agent.closed()) {
            return;
        }
        Duration delay = backoff.delay(failuresInRow++);
        agent.listener().retrying(delay, reason);
        try {
            agent.group().schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the agent is closing
        }
    }

    AgentConfig config() {
        return agent.config();
    }

    AgentListener listener() {
        return agent.listener();
    }

    Inspector inspector() {
        return agent.inspector();
    }

    /** Closes the connection; the future completes once it is closed (at once when there is none). */
    io.netty.util.concurrent.Future<?> close() {
        Channel ch = channel;
        return ch != null ? ch.close() : io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }
}
