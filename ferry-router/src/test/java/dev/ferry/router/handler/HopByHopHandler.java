package dev.ferry.router.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Client side, inbound: strips hop-by-hop headers from each request before it is forwarded, keeping
 * {@code Upgrade} on upgrade requests (see {@link HopByHopHeaders}). Responses are stripped by the proxy
 * when they arrive from the backend, so the router's own {@code Connection: close} survives.
 * Placed after the keep-alive handler, which must still see the client's {@code Connection} header.
 */
public final class HopByHopHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            HopByHopHeaders.strip(request, HopByHopHeaders.isUpgrade(request.headers()));
        }
        ctx.fireChannelRead(msg);
    }
}
