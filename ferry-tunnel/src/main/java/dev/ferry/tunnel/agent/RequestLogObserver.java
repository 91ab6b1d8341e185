package dev.ferry.tunnel.agent;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Watches the bytes of one relayed connection, without changing them, to report one {@link RequestRecord} per
 * request, and with an {@link Inspector} to keep each exchange's heads and first bytes of bodies. Request heads
 * are matched to response heads in order (HTTP/1.1 answers in order). It parses copies (retained duplicates)
 * with Netty's decoders and keeps at most {@link Inspector#MAX_BODY_BYTES} of a body, so its memory is small
 * whatever the body size. It stops watching after a protocol switch (101) or anything it cannot parse.
 *
 * <p>Threading: called only on the relay's event loop.
 */
final class RequestLogObserver {

    private static final int MAX_PENDING = 1000;

    private final AgentListener listener;
    private final Inspector inspector;
    private final Deque<Capture> pending = new ArrayDeque<>();
    private final EmbeddedChannel requests;
    private final EmbeddedChannel responses;
    private Capture requestInProgress;
    private Capture responseInProgress;
    private boolean stopped;

    /** One exchange being watched. */
    private static final class Capture {
        final long startNanos = System.nanoTime();
        final Instant startedAt = Instant.now();
        final String method;
        final String uri;
        final List<Map.Entry<String, String>> requestHeaders;
        final ByteArrayOutputStream requestBody = new ByteArrayOutputStream();
        boolean requestTruncated;
        int status;
        List<Map.Entry<String, String>> responseHeaders = List.of();
        final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
        boolean responseTruncated;
        long millis;

        Capture(HttpRequest r) {
            method = r.method().name();
            uri = r.uri();
            requestHeaders = r.headers().entries();
        }
    }

    RequestLogObserver(AgentListener listener, Inspector inspector) {
        this.listener = listener;
        this.inspector = inspector;
        this.requests = new EmbeddedChannel(new HttpRequestDecoder(), new Sink(true));
        this.responses = new EmbeddedChannel(new HttpResponseDecoder() {
            @Override
            protected boolean isContentAlwaysEmpty(HttpMessage msg) {
                Capture head = pending.peekFirst();
                return (head != null && head.method.equals(HttpMethod.HEAD.name())) || super.isContentAlwaysEmpty(msg);
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

    private static boolean keep(ByteArrayOutputStream body, HttpContent content) {
        ByteBuf b = content.content();
        int room = Inspector.MAX_BODY_BYTES - body.size();
        int n = Math.min(room, b.readableBytes());
        if (n > 0) {
            byte[] chunk = new byte[n];
            b.getBytes(b.readerIndex(), chunk);
            body.write(chunk, 0, n);
        }
        return b.readableBytes() > n;
    }

    private void publish(Capture c) {
        if (inspector != null) {
            inspector.add(new InspectedExchange(inspector.nextId(), c.startedAt, c.method, c.uri, c.requestHeaders,
                    c.requestBody.toByteArray(), c.requestTruncated, c.status, c.responseHeaders,
                    c.responseBody.toByteArray(), c.responseTruncated, c.millis));
        }
    }

    /** Receives decoded objects: reports heads, keeps the start of bodies for the inspector. */
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
                if (requestSide) {
                    onRequest(msg);
                } else {
                    onResponse(msg);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onRequest(Object msg) {
            if (msg instanceof HttpRequest r && pending.size() < MAX_PENDING) {
                requestInProgress = new Capture(r);
                pending.addLast(requestInProgress);
            }
            if (msg instanceof HttpContent content && requestInProgress != null && inspector != null) {
                requestInProgress.requestTruncated |= keep(requestInProgress.requestBody, content);
            }
            if (msg instanceof LastHttpContent) {
                requestInProgress = null;
            }
        }

        private void onResponse(Object msg) {
            if (msg instanceof HttpResponse r) {
                int status = r.status().code();
                if (status >= 100 && status < 200 && status != 101) {
                    return;
                }
                Capture c = pending.pollFirst();
                if (c != null) {
                    c.status = status;
                    c.millis = (System.nanoTime() - c.startNanos) / 1_000_000;
                    c.responseHeaders = r.headers().entries();
                    listener.request(new RequestRecord(c.method, c.uri, status, c.millis));
                    responseInProgress = c;
                }
                if (status == 101) {
                    stopped = true;
                    if (c != null) {
                        publish(c);
                    }
                    return;
                }
            }
            if (msg instanceof HttpContent content && responseInProgress != null && inspector != null) {
                responseInProgress.responseTruncated |= keep(responseInProgress.responseBody, content);
            }
            if (msg instanceof LastHttpContent && responseInProgress != null) {
                publish(responseInProgress);
                responseInProgress = null;
            }
        }
    }
}
