package dev.ferry.router.proxy;

import dev.ferry.router.handler.HopByHopHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Turns a backend's response head into the head the client receives: hop-by-hop headers stripped, the
 * body re-framed for the client's HTTP version, and the router appended to {@code Via}.
 */
final class ResponseHeads {

    private ResponseHeads() {
    }

    /**
     * True when the backend connection may serve another request after this response: the backend keeps it
     * alive and the body has its own framing (not delimited by the connection's close). Read before
     * {@link #forClient} strips the headers that say so.
     */
    static boolean backendReusable(HttpResponse response, boolean bodyAlwaysEmpty) {
        return HttpUtil.isKeepAlive(response) && (bodyAlwaysEmpty || HttpUtil.isContentLengthSet(response)
                || HttpUtil.isTransferEncodingChunked(response));
    }

    /**
     * Rewrites a final (non-1xx) response head for the client.
     *
     * @param bodyAlwaysEmpty the response to a HEAD request, or a 204 or 304
     * @param clientSpeaks11  whether the client sent HTTP/1.1 (else its body is delimited by closing)
     */
    static void forClient(HttpResponse response, boolean bodyAlwaysEmpty, boolean clientSpeaks11, String viaName) {
        HopByHopHeaders.strip(response, false);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (!bodyAlwaysEmpty && !response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            if (clientSpeaks11) {
                response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                // HTTP/1.0 clients read until the connection closes, which the keep-alive handler does
                response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            }
        }
        appendVia(response, viaName);
    }

    /** Rewrites a 101 head: only the upgrade's own headers stay hop-by-hop. */
    static void forUpgrade(HttpResponse response, String viaName) {
        HopByHopHeaders.strip(response, true);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        appendVia(response, viaName);
    }

    private static void appendVia(HttpResponse response, String viaName) {
        String own = "1.1 " + viaName;
        String via = response.headers().get(HttpHeaderNames.VIA);
        response.headers().set(HttpHeaderNames.VIA, via == null ? own : via + ", " + own);
    }
}
