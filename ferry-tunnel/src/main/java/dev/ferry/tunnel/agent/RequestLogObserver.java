package dev.ferry.tunnel.agent;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Watches the bytes of one relayed connection, without changing them, to report one {@link RequestRecord} per
 * request: request heads are matched to response heads in order (HTTP/1.1 answers in order). It parses copies
 * (retained duplicates) with Netty's decoders; body chunks are dropped at once, so its memory is a few
 * buffers whatever the body size. It stops watching after a protocol switch (101) or anything it cannot parse.
 *
 * <p>Threading: called only on the relay's event loop.
 */
final class RequestLogObserver {

    private static final int MAX_PENDING = 1000;

    private final AgentListener listener;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final EmbeddedChannel requests;
    private final EmbeddedChannel responses;
    private boolean stopped;

    private record Pending(String method, String path, long startNanos) {
    }

    RequestLogObserver(AgentListener listener) {
        this.listener = listener;
        this.requests = new EmbeddedChannel(new HttpRequestDecoder(), new Sink(true));
        this.responses = new EmbeddedChannel(new HttpResponseDecoder() {
            @Override
            protected boolean isContentAlwaysEmpty(HttpMessage msg) {
                Pending head = pending.peekFirst();
                return (head != null && head.method().equals(HttpMethod.HEAD.name())) || super.isContentAlwaysEmpty(msg);
            }
        }, new Sink(false));
    }

    void request(ByteBuf bytes) {
        feed(requests, bytes);
    }

    void response(ByteBuf bytes) {
        feed(responses, bytes);
    }

    private void feed(EmbeddedChannel decoder, ByteBuf bytes) {
        if (stopped || !bytes.isReadable()) {
            return;
        }
        try {
            decoder.writeInbound(bytes.retainedDuplicate());
        } catch (RuntimeException e) {
            close();
        }
    }

    void close() {
        if (!stopped) {
            stopped = true;
            requests.finishAndReleaseAll();
            responses.finishAndReleaseAll();
        }
    }

    /** Receives decoded objects: keeps the heads, drops the bodies. */
    private final class Sink extends ChannelInboundHandlerAdapter {
        private final boolean requestSide;

        Sink(boolean requestSide) {
            this.requestSide = requestSide;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
                    stopped = true;
                    return;
                }
                if (requestSide && msg instanceof HttpRequest r && pending.size() < MAX_PENDING) {
                    pending.addLast(new Pending(r.method().name(), r.uri(), System.nanoTime()));
                } else if (!requestSide && msg instanceof HttpResponse r) {
                    int status = r.status().code();
                    if (status >= 100 && status < 200 && status != 101) {
                        return;
                    }
                    Pending p = pending.pollFirst();
                    if (p != null) {
                        listener.request(new RequestRecord(p.method(), p.path(), status,
                                (System.nanoTime() - p.startNanos()) / 1_000_000));
                    }
                    if (status == 101) {
                        stopped = true;
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
