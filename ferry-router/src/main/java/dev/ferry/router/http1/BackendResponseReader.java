package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Backend side, first after the socket: turns a backend's bytes into {@link BackendMessage}s. A head is read in
 * place ({@link ResponseHeadParser}, which also works out the framing); 1xx heads come as heads of their own,
 * the final response follows. Body bytes go on as slices as they arrive ({@link BodyFramer}), with the framing
 * as it came. The proxy says before each response whether it answers a {@code HEAD} ({@link #expect}).
 * Bytes after a complete response, which no request asked for, make the connection unusable: they are
 * reported {@link BackendMessage.Malformed}. After a 101 that switches protocols every byte goes on as it is
 * (those that came with the head when the proxy removes this handler to relay). Threading: the connection's event loop; one instance per connection.
 */
public final class BackendResponseReader extends ChannelInboundHandlerAdapter {

    private enum State { IDLE, HEAD, BODY, RELAY, STOPPED }

    private final ResponseHeadParser parser;
    private final BodyFramer body;
    private final ResponseHead head = new ResponseHead();
    private final BackendMessage.Head headMessage = new BackendMessage.Head(head); // the head is reused, so is this
    private ByteBuf received;
    private State state = State.IDLE;
    private boolean headRequest;
    private boolean payloadOnly;

    public BackendResponseReader(HeadLimits limits) {
        this.parser = new ResponseHeadParser(limits);
        this.body = new BodyFramer(limits.maxInitialLineLength());
    }

    /** A request went out on this connection: its response is read next. */
    public void expect(boolean headRequest) {
        expect(headRequest, false);
    }

    /**
     * A request went out on this connection: its response is read next.
     *
     * @param payloadOnly hand on a chunked body's payload without its chunk framing (for an HTTP/1.0 client, which
     *                    reads the body to the close); the slice that ends it may then be empty
     */
    public void expect(boolean headRequest, boolean payloadOnly) {
        this.headRequest = headRequest;
        this.payloadOnly = payloadOnly;
        if (state == State.IDLE) {
            state = State.HEAD;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (state == State.STOPPED) {
            in.release();
            return;
        }
        if (state == State.RELAY) {
            ctx.fireChannelRead(in); // after a 101 the bytes belong to the new protocol
            return;
        }
        if (received == null) {
            received = in;
        } else {
            received = ctx.alloc().buffer(received.readableBytes() + in.readableBytes())
                    .writeBytes(received).writeBytes(in);
            in.release();
        }
        try {
            drain(ctx);
        } finally {
            if (received != null && !received.isReadable()) {
                received.release();
                received = null;
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (received != null) {
            ByteBuf rest = received;
            received = null;
            if (state == State.RELAY && rest.isReadable()) {
                ctx.fireChannelRead(rest); // what followed the 101 in the same read goes to the relay
            } else {
                rest.release();
            }
        }
    }

    private void drain(ChannelHandlerContext ctx) {
        while (received != null && received.isReadable()) {
            switch (state) {
                case IDLE -> {
                    state = State.STOPPED;
                    ctx.fireChannelRead(new BackendMessage.Malformed("bytes no request asked for"));
                    return;
                }
                case HEAD -> {
                    RequestHeadParser.Result r = parser.parse(received, head, headRequest);
                    if (r == RequestHeadParser.Result.INCOMPLETE) {
                        return;
                    }
                    if (r == RequestHeadParser.Result.REFUSED) {
                        state = State.STOPPED;
                        ctx.fireChannelRead(new BackendMessage.Malformed(parser.failure()));
                        return;
                    }
                    body.reset(head.body(), head.contentLength());
                    boolean informational = head.status() < 200 && !head.isUpgrade();
                    state = head.isUpgrade() ? State.RELAY
                            : informational ? State.HEAD : body.isDone() ? State.IDLE : State.BODY;
                    // skipped first: the head stays readable (its offsets are absolute), and a proxy that removes
                    // this handler to relay after a 101 gets only the bytes after the head
                    received.skipBytes(head.length());
                    ctx.fireChannelRead(headMessage);
                }
                case BODY -> {
                    ByteBuf slice = payloadOnly ? body.nextPayload(received) : body.next(received);
                    if (body.failure() != null) {
                        ByteBuf whole = slice != null ? slice : body.validatedBeforeFailure(received);
                        state = State.STOPPED;
                        if (whole != null) {
                            ctx.fireChannelRead(new BackendMessage.Body(whole, false)); // what came whole goes on first
                        }
                        ctx.fireChannelRead(new BackendMessage.Malformed(body.failure()));
                        return;
                    }
                    boolean last = body.isDone();
                    if (slice == null && !last) {
                        return;
                    }
                    if (slice == null) {
                        slice = Unpooled.EMPTY_BUFFER;
                    }
                    if (last) {
                        state = State.IDLE;
                    }
                    ctx.fireChannelRead(new BackendMessage.Body(slice, last));
                }
                case RELAY, STOPPED -> {
                    return;
                }
            }
        }
    }
}
