package dev.ferry.router.h2;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Picks the trailer fields out of a chunked body's framing, for {@link ResponseFrameEncoder} to send as the
 * stream's trailing HEADERS frame (gRPC's {@code grpc-status} travels there). It is given the framing bytes the
 * router's {@code BodyFramer} has already validated (CRLFs after chunk data, chunk-size lines, the last chunk, trailer
 * lines), in order and in as many pieces as they came; every piece ends at a line boundary. Names are lower-cased;
 * connection-specific fields and pseudo-header names are left out. One instance per response; threading: the
 * stream's event loop.
 */
final class TrailerFields {

    private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "te", "content-length", "host");

    private boolean afterLastChunk;
    private Http2Headers fields;

    /** Reads the framing lines in {@code [from, to)} of {@code in}. */
    void scan(ByteBuf in, int from, int to) {
        int start = from;
        while (start < to) {
            int lf = in.indexOf(start, to, (byte) '\n');
            if (lf < 0) {
                return; // cannot happen: the framer hands on whole lines only
            }
            int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            line(in.toString(start, end - start, StandardCharsets.ISO_8859_1));
            start = lf + 1;
        }
    }

    /** The trailer fields seen, or null for none. */
    Http2Headers fields() {
        return fields;
    }

    private void line(String line) {
        if (!afterLastChunk) {
            // an empty line ends a chunk's data; any other is a chunk-size line, and size 0 is the last chunk
            int semicolon = line.indexOf(';');
            String size = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
            afterLastChunk = !size.isEmpty() && size.chars().allMatch(c -> c == '0');
            return;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return; // the empty line that ends the trailers
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (!DROPPED.contains(name) && name.charAt(0) != ':') {
            if (fields == null) {
                fields = new DefaultHttp2Headers();
            }
            fields.add(name, line.substring(colon + 1).strip());
        }
    }
}
