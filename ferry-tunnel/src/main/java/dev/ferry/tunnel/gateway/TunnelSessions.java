package dev.ferry.tunnel.gateway;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.TunnelAgent;
import dev.ferry.core.store.AppName;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live tunnels of one gateway. Opening one binds its loopback listener (whose connections are accepted on
 * the agent connection's event loop, so relaying never crosses threads) and publishes it as a tunnel endpoint
 * of the tunnel's names; the agent connection's close withdraws it.
 */
final class TunnelSessions {

    private static final Logger log = LoggerFactory.getLogger(TunnelSessions.class);

    private final GatewayConfig config;
    private final TunnelEndpoints routes;
    private final ScheduledExecutorService workers;
    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> serverChannel;
    private final Set<TunnelSession> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();

    TunnelSessions(GatewayConfig config, TunnelEndpoints endpoints, ScheduledExecutorService workers, EventLoopGroup group,
                   Class<? extends ServerChannel> serverChannel) {
        this.config = config;
        this.routes = endpoints;
        this.workers = workers;
        this.group = group;
        this.serverChannel = serverChannel;
    }

    void open(Channel agent, AppName app, List<String> hosts) {
        String id = config.gatewayId() + "-" + app.value() + "-" + sequence.incrementAndGet();
        new ServerBootstrap()
                .group(agent.eventLoop(), agent.eventLoop())
                .channel(serverChannel)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new RouterConnectionHandler(agent))
                .bind(config.listenerHost(), 0)
                .addListener(f -> {
                    var bound = (io.netty.channel.ChannelFuture) f;
                    if (!f.isSuccess()) {
                        log.warn("cannot open a listener for a tunnel of {}: {}", app, f.cause().toString());
                        agent.close();
                        return;
                    }
                    int port = ((InetSocketAddress) bound.channel().localAddress()).getPort();
                    TunnelSession session = new TunnelSession(Endpoint.tunnel(id, config.listenerHost(), port), hosts,
                            bound.channel(), routes, config.endpointTtl(), app.value(), agent.attr(AgentActivity.KEY).get());
                    live.add(session);
                    workers.execute(session::publish);
                    var refresh = workers.scheduleAtFixedRate(session::refresh, config.refreshInterval().toMillis(),
                            config.refreshInterval().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    log.info("tunnel {} of {} serves {} through {}", id, app, hosts, bound.channel().localAddress());
                    agent.closeFuture().addListener(c -> {
                        refresh.cancel(false);
                        bound.channel().close();
                        if (live.remove(session)) {
                            try {
                                workers.execute(session::withdraw);
                            } catch (java.util.concurrent.RejectedExecutionException e) {
                                session.withdraw();
                            }
                            log.info("tunnel {} of {} is gone; its names fall back", id, app);
                        }
                    });
                });
    }

    int count() {
        return live.size();
    }

    /** The agents of the live tunnels. */
    List<TunnelAgent> agents() {
        return live.stream().map(TunnelSession::describe).toList();
    }

    /** Withdraws every tunnel now, on the calling thread (the gateway is stopping). */
    void closeAll() {
        for (TunnelSession s : List.copyOf(live)) {
            if (live.remove(s)) {
                s.withdraw();
            }
        }
    }
}
