package dev.ferry.tunnel.gateway;

import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.access.SessionGrant;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.tunnel.protocol.Hello;
import dev.ferry.tunnel.protocol.TunnelHttp2;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of the handshake on a new agent connection: reads the {@link Hello} line, checks the
 * token and app through {@link TunnelAuth} on a worker thread (reading nothing more meanwhile), then answers
 * with a welcome and switches the connection to HTTP/2 (the gateway as client), or answers with a refusal
 * and closes. Never first come first served: only an app the token may use is ever published. A wrong token
 * counts against the agent's address in the {@link AuthFailureLimiter}, and an address over its limit is refused
 * ({@code too_many_failures}) before its token is checked. An accepted tunnel is registered in the
 * {@link SessionRegistry}, which closes it when its token or access goes.
 */
final class AgentHelloHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private static final Logger log = LoggerFactory.getLogger(AgentHelloHandler.class);

    private static final String WHAT = "tunnel agent token";

    private final TunnelAuth auth;
    private final Executor workers;
    private final TunnelSessions sessions;
    private final GatewayConfig config;
    private final SessionRegistry registry;
    private final AuthFailureLimiter failures;
    private boolean answered;

    AgentHelloHandler(TunnelAuth auth, Executor workers, TunnelSessions sessions, GatewayConfig config,
                      SessionRegistry registry, AuthFailureLimiter failures) {
        this.auth = auth;
        this.workers = workers;
        this.sessions = sessions;
        this.config = config;
        this.registry = registry;
        this.failures = failures;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
        if (answered) {
            return;
        }
        answered = true;
        Hello hello;
        try {
            hello = Hello.parse(line.toString(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            refuse(ctx, new Hello.Refusal("bad_hello", e.getMessage()));
            return;
        }
        ctx.channel().config().setAutoRead(false);
        String client = client(ctx);
        try {
            workers.execute(() -> {
                Object outcome;
                try {
                    Optional<Duration> refused = failures.refusal(client);
                    if (refused.isPresent()) {
                        throw TunnelRefused.tooManyFailures(refused.get());
                    }
                    outcome = auth.authorize(hello.token(), hello.app(), client);
                } catch (TunnelRefused r) {
                    if (r.code().equals("unauthorized")) {
                        failures.failed(client, WHAT);
                    }
                    outcome = new Hello.Refusal(r.code(), r.getMessage());
                } catch (RuntimeException e) {
                    log.warn("cannot check a tunnel's token for {}", hello.app(), e);
                    outcome = new Hello.Refusal("unavailable", "the gateway cannot check tokens right now; retrying");
                }
                Object result = outcome;
                ctx.executor().execute(() -> {
                    if (result instanceof TunnelAuth.Grant grant) {
                        accept(ctx, hello, grant);
                    } else {
                        refuse(ctx, (Hello.Refusal) result);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            refuse(ctx, new Hello.Refusal("unavailable", "the gateway is stopping"));
        }
    }

    private void accept(ChannelHandlerContext ctx, Hello hello, TunnelAuth.Grant grant) {
        if (!ctx.channel().isActive()) {
            return;
        }
        List<String> hosts = new ArrayList<>();
        hosts.add(grant.previewHost());
        if (hello.takeover()) {
            hosts.addAll(grant.appHosts());
        }
        ctx.writeAndFlush(ascii(new Hello.Welcome(hosts).encode()));
        var pipeline = ctx.pipeline();
        pipeline.remove("handshake-timeout");
        pipeline.remove("lines");
        pipeline.remove(this);
        TunnelHttp2.install(pipeline, false, null, config.heartbeat(), config.deadAfter());
        AgentActivity activity = new AgentActivity(grant.user().value(), client(ctx));
        ctx.channel().attr(AgentActivity.KEY).set(activity);
        pipeline.addFirst("activity", activity);
        ctx.channel().config().setAutoRead(true);
        sessions.open(ctx.channel(), grant.app(), hosts);
        watch(ctx.channel(), hello, grant, client(ctx));
    }

    /**
     * Registers the tunnel with what authorised it, rechecked by asking {@link TunnelAuth} again with the same
     * token; when that access goes, the agent's connection is closed, which withdraws the tunnel's endpoints.
     */
    private void watch(Channel agent, Hello hello, TunnelAuth.Grant grant, String client) {
        SessionRegistry.Recheck recheck = () -> {
            try {
                auth.authorize(hello.token(), hello.app(), client);
                return true;
            } catch (TunnelRefused r) {
                if (r.code().equals("too_many_failures") || r.code().equals("unavailable")) {
                    throw new IllegalStateException(r.getMessage());
                }
                return false;
            }
        };
        SessionRegistry.Registration registration = registry.open(new SessionGrant(grant.user(), grant.app(), "tunnel", client),
                recheck, reason -> {
                    log.info("closing the tunnel of {} from {}: {}", grant.app(), client, reason);
                    agent.close();
                });
        agent.closeFuture().addListener(f -> registration.close());
    }

    private static String client(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : "unknown";
    }

    private void refuse(ChannelHandlerContext ctx, Hello.Refusal refusal) {
        log.info("refused a tunnel from {}: {} {}", ctx.channel().remoteAddress(), refusal.code(), refusal.sentence());
        ctx.writeAndFlush(ascii(refusal.encode())).addListener(ChannelFutureListener.CLOSE);
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("agent connection {} failed during the handshake: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
