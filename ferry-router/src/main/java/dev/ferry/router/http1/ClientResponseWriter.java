package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes the response head a client receives from a backend's {@link ResponseHead}: {@code HTTP/1.1} with the
 * backend's own status code and reason, each of its fields that is not hop-by-hop copied byte for byte, then the
 * router's fields: {@code Transfer-Encoding: chunked} for an HTTP/1.1 client when the body is chunked or ends at
 * close (the body side then wraps it in chunks; an HTTP/1.0 client gets the payload alone and reads to close), {@code Connection: upgrade} on a 101, {@code Via} with the router
 * appended, the request's {@code X-Request-Id} on a final response, and whatever the caller adds
 * ({@code Set-Cookie} for affinity, {@code Connection: close}).
 */
public final class ClientResponseWriter {

    private static final byte[] HTTP_11 = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    private ClientResponseWriter() {
    }

    /**
     * Appends the client's head to {@code out}; marks the backend's hop-by-hop, {@code Via} and (final responses)
     * {@code X-Request-Id} lines dropped in {@code head}.
     *
     * @param clientHttp11 whether the client spoke HTTP/1.1; an HTTP/1.0 client reads a close-delimited body as is
     * @param requestId    the request's id, echoed on a final response
     * @param via          the router's own {@code Via} element, e.g. {@code 1.1 ferry}
     * @param extra        more fields to add, or null
     */
    public static void write(ResponseHead head, boolean clientHttp11, String requestId, String via, AddedFields extra,
                             ByteBuf out) {
        FieldLines f = head.fields;
        HopByHopFields.drop(head.buf, head.base, f, head.upgrade);
        String vias = null;
        for (int i = 0; i < f.count(); i++) {
            if (f.name(i) == FieldName.VIA) {
                f.drop(i);
                String v = head.text(f.valueStart(i), f.valueEnd(i));
                vias = vias == null ? v : vias + ", " + v;
            } else if (f.name(i) == FieldName.X_REQUEST_ID && head.status >= 200) {
                f.drop(i);
            }
        }
        out.writeBytes(HTTP_11).writeBytes(head.buf, head.base + head.statusStart, head.reasonEnd - head.statusStart)
                .writeBytes(CRLF);
        for (int i = 0; i < f.count(); i++) {
            if (!f.isDropped(i)) {
                int start = f.nameStart(i);
                int end = lineEnd(head, f.valueEnd(i));
                out.writeBytes(head.buf, head.base + start, end - start);
            }
        }
        if (clientHttp11 && (head.body == BodyFramer.Mode.CHUNKED || head.body == BodyFramer.Mode.UNTIL_CLOSE)) {
            field(out, "Transfer-Encoding", "chunked");
        }
        if (head.upgrade) {
            field(out, "Connection", "upgrade");
        }
        field(out, "Via", vias == null ? via : vias + ", " + via);
        if (head.status >= 200 && requestId != null) {
            field(out, "X-Request-Id", requestId);
        }
        for (int i = 0; extra != null && i < extra.size(); i++) {
            field(out, extra.name(i), extra.value(i));
        }
        out.writeBytes(CRLF);
    }

    private static void field(ByteBuf out, String name, String value) {
        out.writeCharSequence(name, StandardCharsets.ISO_8859_1);
        out.writeByte(':').writeByte(' ');
        out.writeCharSequence(value, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    private static int lineEnd(ResponseHead head, int valueEnd) {
        int i = valueEnd;
        while (head.byteAt(i) != '\n') {
            i++;
        }
        return i + 1;
    }
}
