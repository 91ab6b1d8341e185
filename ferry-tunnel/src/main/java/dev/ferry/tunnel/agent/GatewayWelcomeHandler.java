package dev.ferry.tunnel.agent;

import dev.ferry.tunnel.agent.GatewayDirectory.GatewayAddress;
import dev.ferry.tunnel.protocol.Hello;
import dev.ferry.tunnel.protocol.TunnelHttp2;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.charset.StandardCharsets;

/**
 * The agent's side of the handshake on a fresh gateway connection: once TLS is up (the gateway's certificate
 * matched the pinned fingerprint), sends the {@link Hello} line and reads the answer; on a welcome switches the
 * connection to HTTP/2 as the server, whose streams {@link LocalStreams} relays to the local port.
 */
final class GatewayWelcomeHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private final GatewayLink link;
    private final GatewayAddress gateway;

    GatewayWelcomeHandler(GatewayLink link, GatewayAddress gateway) {
        this.link = link;
        this.gateway = gateway;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                AgentConfig c = link.config();
                Hello hello = new Hello(c.app(), c.takeover(), c.token());
                ctx.writeAndFlush(Unpooled.copiedBuffer(hello.encode(), StandardCharsets.US_ASCII));
            } else {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
        Object answer = Hello.parseAnswer(line.toString(StandardCharsets.UTF_8));
        if (answer instanceof Hello.Welcome welcome) {
            ChannelPipeline p = ctx.pipeline();
            AgentConfig c = link.config();
            TunnelHttp2.install(p, true, new LocalStreams(c, link.listener(), link.inspector()), c.heartbeat(), c.deadAfter());
            // Removing the line decoder last hands any HTTP/2 bytes it already read to the codec.
            p.remove(this);
            p.remove("handshake-timeout");
            p.remove("lines");
            link.welcomed(gateway, welcome.hosts());
        } else {
            Hello.Refusal refusal = (Hello.Refusal) answer;
            if (refusal.permanent()) {
                link.refused("the gateway refused the tunnel: " + refusal.sentence());
            }
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
