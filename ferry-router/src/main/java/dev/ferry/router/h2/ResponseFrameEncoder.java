package dev.ferry.router.h2;

import dev.ferry.router.http1.BodyFramer;
import dev.ferry.router.http1.HeadLimits;
import dev.ferry.router.http1.RequestHeadParser;
import dev.ferry.router.http1.ResponseHead;
import dev.ferry.router.http1.ResponseHeadParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the HTTP/1.1 response the proxy writes for one stream (a relayed head and body, an error page, a
 * redirect, a {@code 100 Continue}) into HTTP/2 frames: the head becomes a HEADERS frame ({@code :status}, names
 * in lower case, connection-specific fields dropped), the body DATA frames with its chunk framing taken off, and
 * the stream ends with the body, or with a trailing HEADERS frame when a chunked body has trailer fields
 * ({@link TrailerFields}). The head is read with the router's own {@link ResponseHeadParser} and the body
 * with its {@link BodyFramer}, so a chunked body passes as it arrives: nothing is buffered beyond a partial head
 * or chunk-size line. One instance per stream; threading: the stream's event loop.
 */
final class ResponseFrameEncoder {

    private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade");

    private enum State { HEAD, BODY, DONE }

    private final ResponseHeadParser parser;
    private final ResponseHead head = new ResponseHead();
    private final BodyFramer body;
    private final TrailerFields trailers = new TrailerFields();
    private ByteBuf pending;
    private State state = State.HEAD;
    private boolean headRequest;

    ResponseFrameEncoder(HeadLimits limits) {
        this.parser = new ResponseHeadParser(limits);
        this.body = new BodyFramer(limits.maxInitialLineLength());
    }

    /** The request was a {@code HEAD}: its response has no body whatever its head says. */
    void headRequest(boolean head) {
        this.headRequest = head;
    }

    /** True once the response's last frame was made. */
    boolean isDone() {
        return state == State.DONE;
    }

    /**
     * Adds the frames {@code bytes} complete to {@code out}; takes ownership of {@code bytes}.
     *
     * @throws IllegalStateException when the bytes are not an HTTP/1.1 response (a fault of the router itself)
     */
    void encode(ByteBuf bytes, List<Http2StreamFrame> out) {
        ByteBuf in = cumulate(bytes);
        try {
            while (state != State.DONE && in.isReadable()) {
                if (state == State.HEAD) {
                    if (!head(in, out)) {
                        break;
                    }
                } else if (!body(in, out)) {
                    break;
                }
            }
        } finally {
            if (state != State.DONE && in.isReadable()) {
                // only a partial head or chunk line is left: copied, so no chain of buffers builds up behind it
                pending = in.alloc().buffer(in.readableBytes()).writeBytes(in);
            }
            in.release();
        }
    }

    /** Releases a partial head or line kept for more bytes. */
    void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private boolean head(ByteBuf in, List<Http2StreamFrame> out) {
        RequestHeadParser.Result r = parser.parse(in, head, headRequest);
        if (r == RequestHeadParser.Result.INCOMPLETE) {
            return false;
        }
        if (r == RequestHeadParser.Result.REFUSED) {
            throw new IllegalStateException("the proxy wrote a malformed response head: " + parser.failure());
        }
        Http2Headers headers = new DefaultHttp2Headers().status(Integer.toString(head.status()));
        for (int i = 0; i < head.fieldCount(); i++) {
            String name = head.fieldName(i).toLowerCase(Locale.ROOT);
            if (!DROPPED.contains(name)) {
                headers.add(name, head.fieldValue(i));
            }
        }
        in.skipBytes(head.length());
        if (head.status() < 200) {
            out.add(new DefaultHttp2HeadersFrame(headers, false));  // 100 Continue; the final head follows
            return true;
        }
        BodyFramer.Mode mode = head.body();
        boolean empty = mode == BodyFramer.Mode.NONE || mode == BodyFramer.Mode.LENGTH && head.contentLength() == 0;
        out.add(new DefaultHttp2HeadersFrame(headers, empty));
        if (empty) {
            state = State.DONE;
        } else {
            body.reset(mode, head.contentLength());
            state = State.BODY;
        }
        return true;
    }

    private boolean body(ByteBuf in, List<Http2StreamFrame> out) {
        int from = in.readerIndex();
        ByteBuf data = body.nextPayload(in);
        if (body.failure() != null) {
            throw new IllegalStateException("the proxy wrote a malformed body: " + body.failure());
        }
        if (body.mode() == BodyFramer.Mode.CHUNKED) {
            // what was read before the data is framing: chunk lines, the last chunk and its trailers
            trailers.scan(in, from, in.readerIndex() - (data == null ? 0 : data.readableBytes()));
        }
        if (data != null) {
            boolean last = body.isDone() && body.mode() == BodyFramer.Mode.LENGTH;
            out.add(new DefaultHttp2DataFrame(data, last));
            if (last) {
                state = State.DONE;
            }
            return true;
        }
        if (body.isDone()) {
            Http2Headers fields = trailers.fields();
            // the last chunk ends the stream, with its trailer fields when it has some
            out.add(fields == null ? new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true)
                    : new DefaultHttp2HeadersFrame(fields, true));
            state = State.DONE;
            return true;
        }
        return false;
    }

    private ByteBuf cumulate(ByteBuf bytes) {
        if (pending == null) {
            return bytes;
        }
        ByteBuf merged = Unpooled.wrappedBuffer(pending, bytes);
        pending = null;
        return merged;
    }
}
