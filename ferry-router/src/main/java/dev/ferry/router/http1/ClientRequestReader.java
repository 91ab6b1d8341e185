package dev.ferry.router.http1;

import dev.ferry.router.error.RequestRefused;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * Client side, first after the socket: turns received bytes into {@link ClientMessage}s, one per
 * {@code read()} the proxy asks for, so pipelined requests wait their turn and a slow backend slows the client
 * (auto-read is off). A head is read in place by {@link RequestHeadParser} and put through
 * {@link RequestHeadRules}; its bytes are kept as a retained slice of the received buffer, not copied. Body
 * bytes go on as slices while {@link BodyFramer} tracks where the body ends; bytes after it wait for the next
 * {@code read()}. After a refused head or a broken body nothing more is read: the connection closes. After an
 * upgrade ({@link #upgraded}) the bytes already received go on to the relay when this handler leaves.
 *
 * <p>One instance per connection; threading: the connection's event loop.
 */
public final class ClientRequestReader extends ChannelDuplexHandler {

    private enum State { HEAD, BODY, STOPPED, RELAY }

    private final RequestHeadParser parser;
    private final BodyFramer body;
    private final RuleFactory ruleFactory;
    private RequestHeadRules rules;
    private RequestHead head;
    /** The message for {@link #head} accepted; made again only with a new head, not per request. */
    private ClientMessage.Head accepted;
    private ByteBuf received;
    private State state = State.HEAD;
    private boolean demand;

    /** Makes the rules of a connection once its addresses are known. */
    @FunctionalInterface
    public interface RuleFactory {
        RequestHeadRules rulesFor(ChannelHandlerContext ctx);
    }

    public ClientRequestReader(HeadLimits limits, RuleFactory ruleFactory) {
        this.parser = new RequestHeadParser(limits);
        this.body = new BodyFramer(limits.maxInitialLineLength());
        this.ruleFactory = ruleFactory;
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        demand = true;
        if (!deliver(ctx)) {
            ctx.read();
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
            ctx.fireChannelRead(in);
            return;
        }
        if (received == null || !received.isReadable()) {
            if (received != null) {
                received.release();
            }
            received = in; // the common case: a whole request in one read, kept without a copy
        } else {
            received = append(ctx, received, in);
        }
        deliver(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (demand && state != State.STOPPED && state != State.RELAY) {
            ctx.read(); // a read that completed no message: the proxy still waits for one
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (received != null) {
            ByteBuf rest = received;
            received = null;
            if (state == State.RELAY && rest.isReadable()) {
                ctx.fireChannelRead(rest); // what the client sent after its upgrade request goes to the relay
            } else {
                rest.release();
            }
        }
    }

    /** The connection switched protocols: no more HTTP is read, and bytes kept so far go to the relay. */
    public void upgraded() {
        state = State.RELAY;
        demand = false;
    }

    /** Body bytes of the current request read so far, chunk framing not counted. */
    public long bodyBytes() {
        return body.payloadBytes();
    }

    /** Hands on one message if there is demand and the received bytes make one; true when it did. */
    private boolean deliver(ChannelHandlerContext ctx) {
        if (!demand || received == null || state == State.STOPPED || state == State.RELAY) {
            return false;
        }
        ClientMessage msg = state == State.HEAD ? nextHead(ctx) : nextBody();
        if (msg == null) {
            return false;
        }
        demand = false;
        ctx.fireChannelRead(msg);
        return true;
    }

    private ClientMessage nextHead(ChannelHandlerContext ctx) {
        if (!received.isReadable()) {
            return null;
        }
        if (head == null || head.isInUse()) {
            head = new RequestHead();
        }
        RequestHeadParser.Result r = parser.parse(received, head);
        if (r == RequestHeadParser.Result.INCOMPLETE) {
            return null;
        }
        if (r == RequestHeadParser.Result.REFUSED) {
            state = State.STOPPED;
            return new ClientMessage.Head(head, parser.refusal());
        }
        head.keep(received.readRetainedSlice(head.length()));
        if (rules == null) {
            rules = ruleFactory.rulesFor(ctx);
        }
        RequestRefused refused = rules.apply(head);
        if (refused != null) {
            state = State.STOPPED;
            return new ClientMessage.Head(head, refused);
        }
        body.reset(switch (head.body()) {
            case NONE -> BodyFramer.Mode.NONE;
            case LENGTH -> BodyFramer.Mode.LENGTH;
            case CHUNKED -> BodyFramer.Mode.CHUNKED;
        }, head.contentLength());
        state = body.isDone() ? State.HEAD : State.BODY;
        if (accepted == null || accepted.head() != head) {
            accepted = new ClientMessage.Head(head, null);
        }
        return accepted;
    }

    private ClientMessage nextBody() {
        ByteBuf slice = body.next(received);
        if (body.failure() != null) {
            state = State.STOPPED;
            return new ClientMessage.BodyFault(body.failure());
        }
        if (slice == null) {
            return null;
        }
        boolean last = body.isDone();
        if (last) {
            state = State.HEAD;
        }
        return new ClientMessage.Body(slice, last);
    }

    private static ByteBuf append(ChannelHandlerContext ctx, ByteBuf cumulation, ByteBuf in) {
        try {
            if (cumulation.refCnt() == 1 && cumulation.maxWritableBytes() >= in.readableBytes()
                    && cumulation.writableBytes() >= in.readableBytes()) {
                return cumulation.writeBytes(in);
            }
            ByteBuf merged = ctx.alloc().buffer(cumulation.readableBytes() + in.readableBytes());
            merged.writeBytes(cumulation).writeBytes(in);
            cumulation.release();
            return merged;
        } finally {
            in.release();
        }
    }
}
