package dev.ferry.tunnel.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway knows of one agent's connection for the admins' tunnels page: who opened it from where and
 * when, when anything was last read from it (a heartbeat's answer, its own ping or data), and how many router
 * connections were relayed to it. First in the agent connection's pipeline, and an attribute of that channel.
 */
final class AgentActivity extends ChannelInboundHandlerAdapter {

    static final AttributeKey<AgentActivity> KEY = AttributeKey.valueOf("ferry-agent-activity");

    private final long userId;
    private final String client;
    private final Instant connectedSince = Instant.now();
    private volatile long lastHeardMillis = connectedSince.toEpochMilli();
    private final AtomicLong relayed = new AtomicLong();

    AgentActivity(long userId, String client) {
        this.userId = userId;
        this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastHeardMillis = System.currentTimeMillis();
        ctx.fireChannelRead(msg);
    }

    /** One router connection was relayed to the agent. */
    void relayed() {
        relayed.incrementAndGet();
    }

    long userId() {
        return userId;
    }

    String client() {
        return client;
    }

    Instant connectedSince() {
        return connectedSince;
    }

    Instant lastHeard() {
        return Instant.ofEpochMilli(lastHeardMillis);
    }

    long connections() {
        return relayed.get();
    }
}
