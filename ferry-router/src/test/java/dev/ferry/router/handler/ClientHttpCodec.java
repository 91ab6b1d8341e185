package dev.ferry.router.handler;

import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The former codec path's client codec, kept in test sources with the checks that followed it
 * ({@link RequestSmugglingGuard}, {@link HeaderLimitHandler}, {@link HostHandler}, {@link HopByHopHandler},
 * {@link RequestIdHandler}, {@link ForwardedHeadersHandler}) as the reference the in-place path is compared with
 * ({@code InPlaceParserDifferentialTest}); the live pipeline no longer uses them.
 *
 * <p>The HTTP/1.1 codec of a client connection: Netty's request decoder and response encoder, plus what
 * {@code HttpServerCodec} would not let the router add. Netty silently replaces an obsolete line folding
 * (a header line starting with a space or tab, RFC 9112 §5.2) by one space; this decoder marks such a
 * request as failed instead, so the router answers 400 and closes; so is a head with several
 * {@code Content-Length} fields, of which Netty keeps the first on HTTP/1.0 without a word. Like {@code HttpServerCodec}, it
 * remembers the method of each decoded request so that the answer to a {@code HEAD} carries no body.
 *
 * <p>Threading: one instance per connection, used on its event loop only.
 */
public final class ClientHttpCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {

    /** Methods of the requests decoded and not yet answered with a final response, oldest first. */
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>(2);

    private static final String CONTENT_LENGTH_COLON = "content-length:";

    public ClientHttpCodec(HttpDecoderConfig config) {
        init(new FoldRefusingDecoder(config), new MethodAwareEncoder());
    }

    /** A request head that used obsolete line folding. */
    public static final class ObsoleteLineFoldingException extends IllegalArgumentException {
        ObsoleteLineFoldingException() {
            super("obsolete line folding in a request header");
        }
    }

    private final class FoldRefusingDecoder extends HttpRequestDecoder {
        // scanning state of the head being read; the bytes scanned so far are counted from the reader index
        private boolean inHead = true;
        private int scannedAhead;
        private int lineLength;
        private boolean requestLineSeen;
        private boolean headEnded;
        private boolean folded;
        private int lengthPrefixMatched;
        private int contentLengths;

        FoldRefusingDecoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (inHead) {
                scan(buffer);
            }
            int before = buffer.readableBytes();
            int first = out.size();
            super.decode(ctx, buffer, out);
            scannedAhead = Math.max(0, scannedAhead - (before - buffer.readableBytes()));
            for (int i = first; i < out.size(); i++) {
                Object msg = out.get(i);
                if (msg instanceof HttpRequest request) {
                    if (folded && request.decoderResult().isSuccess()) {
                        request.setDecoderResult(DecoderResult.failure(new ObsoleteLineFoldingException()));
                    }
                    if (contentLengths > 1 && request.decoderResult().isSuccess()) {
                        // Netty keeps the first of several Content-Length fields on HTTP/1.0 and drops the rest
                        request.setDecoderResult(DecoderResult.failure(
                                new RequestRefused(ProxyError.BAD_REQUEST, "several Content-Length fields")));
                    }
                    methods.add(request.method());
                    startBody();
                }
                if (msg instanceof LastHttpContent) {
                    startHead();
                }
            }
        }

        /** Looks at the head bytes not yet scanned, up to the empty line that ends the head. */
        private void scan(ByteBuf buffer) {
            int from = buffer.readerIndex() + scannedAhead;
            int to = buffer.writerIndex();
            for (int i = from; i < to && !headEnded; i++) {
                byte b = buffer.getByte(i);
                scannedAhead++;
                if (b == '\n') {
                    if (lineLength > 0) {
                        requestLineSeen = true;
                    } else if (requestLineSeen) {
                        headEnded = true;
                    }
                    lineLength = 0;
                    lengthPrefixMatched = 0;
                } else if (b != '\r') {
                    if (lineLength == 0 && requestLineSeen && (b == ' ' || b == '\t')) {
                        folded = true;
                    }
                    countContentLength(b);
                    lineLength++;
                }
            }
        }

        /** Counts the field lines named Content-Length, matching each line's start against the name. */
        private void countContentLength(byte b) {
            if (!requestLineSeen || lengthPrefixMatched != lineLength || lineLength >= CONTENT_LENGTH_COLON.length()) {
                return;
            }
            int lower = b >= 'A' && b <= 'Z' ? b + 32 : b;
            if (lower == CONTENT_LENGTH_COLON.charAt(lineLength)) {
                lengthPrefixMatched++;
                if (lengthPrefixMatched == CONTENT_LENGTH_COLON.length()) {
                    contentLengths++;
                }
            }
        }

        private void startBody() {
            inHead = false;
            scannedAhead = 0;
        }

        private void startHead() {
            inHead = true;
            scannedAhead = 0;
            lineLength = 0;
            requestLineSeen = false;
            headEnded = false;
            folded = false;
            lengthPrefixMatched = 0;
            contentLengths = 0;
        }
    }

    private final class MethodAwareEncoder extends HttpResponseEncoder {
        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            if (msg.status().code() < 200) {
                return super.isContentAlwaysEmpty(msg);
            }
            HttpMethod method = methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }
    }
}
