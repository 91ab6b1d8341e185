package dev.ferry.router.h2;

import dev.ferry.router.handler.ConnectionSlot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * Looks at the first bytes of a client connection, once, and leaves: the HTTP/2 connection preface ({@code PRI *
 * HTTP/2.0}, sent by a client that chose h2 by ALPN or h2c by prior knowledge) turns the connection into an HTTP/2
 * one ({@link Http2Connections}); on the cleartext listener, a first request head asking for {@code Upgrade: h2c}
 * goes to {@link H2cUpgrade}; anything else passes untouched to the HTTP/1.1 reader behind, with no copy and
 * nothing left in the pipeline, so HTTP/1.1 keeps its in-place path. While a preface or a first head is still
 * incomplete the bytes wait here; a head longer than {@code maxHeadBytes} is left to the HTTP/1.1 reader to refuse.
 * One instance per connection; threading: the connection's event loop.
 */
public final class ProtocolDetector extends ChannelInboundHandlerAdapter {

    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private enum Verdict { WAIT, HTTP1, PREFACE, UPGRADE }

    private final Http2Connections h2;
    private final ConnectionSlot slot;
    private final boolean upgrades;
    private final int maxHeadBytes;
    private ByteBuf received;

    /**
     * @param upgrades     true on the cleartext listener: {@code Upgrade: h2c} on the first request is honoured
     * @param maxHeadBytes how much of a first head is looked at for an upgrade
     */
    public ProtocolDetector(Http2Connections h2, ConnectionSlot slot, boolean upgrades, int maxHeadBytes) {
        this.h2 = h2;
        this.slot = slot;
        this.upgrades = upgrades;
        this.maxHeadBytes = maxHeadBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        received = received == null ? in : Unpooled.wrappedBuffer(received, in);
        ByteBuf bytes = received;
        switch (verdict(bytes)) {
            case WAIT -> {
            }
            case HTTP1 -> {
                received = null;
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(bytes);
            }
            case PREFACE -> {
                received = null;
                h2.install(ctx, slot);
                ctx.channel().config().setAutoRead(true);
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(bytes);
            }
            case UPGRADE -> {
                received = null;
                H2cUpgrade.install(ctx, h2, slot, maxHeadBytes);
                ctx.channel().config().setAutoRead(true);
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(bytes);
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (received != null) {
            received.release();
            received = null;
        }
    }

    private Verdict verdict(ByteBuf in) {
        int n = Math.min(in.readableBytes(), PREFACE.length);
        int start = in.readerIndex();
        boolean prefix = true;
        for (int i = 0; i < n && prefix; i++) {
            prefix = in.getByte(start + i) == PREFACE[i];
        }
        if (prefix) {
            return n == PREFACE.length ? Verdict.PREFACE : Verdict.WAIT;
        }
        if (!upgrades) {
            return Verdict.HTTP1;
        }
        return switch (H2cUpgrade.asks(in, maxHeadBytes)) {
            case YES -> Verdict.UPGRADE;
            case NO -> Verdict.HTTP1;
            case INCOMPLETE -> Verdict.WAIT;
        };
    }
}
