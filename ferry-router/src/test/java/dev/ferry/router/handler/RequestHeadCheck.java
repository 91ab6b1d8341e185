package dev.ferry.router.handler;

import dev.ferry.router.error.RequestRefused;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A check of each request head the decoder accepted. A head the check refuses is not dropped: its
 * decoder result becomes a failure carrying the {@link RequestRefused}, so that the proxy answers it like a
 * head the decoder refused (the refusal's error page, then close) and never forwards it. Heads that already
 * failed pass unchecked, so the first refusal in the pipeline is the one the client sees.
 */
abstract class RequestHeadCheck extends ChannelInboundHandlerAdapter {

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            RequestRefused refused = check(request);
            if (refused != null) {
                request.setDecoderResult(DecoderResult.failure(refused));
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Returns why {@code request} is refused, or {@code null} when it passes; may rewrite the request. */
    abstract RequestRefused check(HttpRequest request);

    /** RFC 9110 {@code tchar}: the characters of a method or a header name. */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    static boolean isToken(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
