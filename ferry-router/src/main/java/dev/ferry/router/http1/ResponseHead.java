package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A backend's response head as offsets into the bytes it arrived in, read by {@link ResponseHeadParser}: the
 * status, the reason phrase and the field lines, plus what {@link ResponseFraming} works out (how the body
 * ends, whether the backend connection can be reused). Only what framing, keep-alive and error mapping need is
 * interpreted; {@link ClientResponseWriter} copies the rest to the client as it came. One instance per
 * backend connection, reused for each response; threading: the connection's event loop.
 */
public final class ResponseHead {

    ByteBuf buf;
    int base;
    int status;
    /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
    int minorVersion;
    /** Offsets of the status code and reason phrase: {@code 200 OK}, copied to the client's status line. */
    int statusStart;
    int reasonEnd;
    int end;
    final FieldLines fields = new FieldLines();

    BodyFramer.Mode body = BodyFramer.Mode.NONE;
    long contentLength;
    boolean keepAlive;
    boolean upgrade;

    void reset() {
        fields.clear();
        body = BodyFramer.Mode.NONE;
        contentLength = 0;
        keepAlive = false;
        upgrade = false;
    }

    void attach(ByteBuf buf) {
        this.buf = buf;
        this.base = buf.readerIndex();
    }

    byte byteAt(int offset) {
        return buf.getByte(base + offset);
    }

    public int status() {
        return status;
    }

    public boolean isHttp11() {
        return minorVersion == 1;
    }

    /** How the body ends, given the request's method and the status; set by {@link ResponseFraming}. */
    public BodyFramer.Mode body() {
        return body;
    }

    public long contentLength() {
        return contentLength;
    }

    /** True when the backend keeps its connection open and the body has framing of its own. */
    public boolean backendReusable() {
        return keepAlive && body != BodyFramer.Mode.UNTIL_CLOSE;
    }

    /** A 101 that switches to the protocol the request asked for ({@code Connection: upgrade}, {@code Upgrade}). */
    public boolean isUpgrade() {
        return upgrade;
    }

    /** The head's length in bytes, from the reader index it was parsed at. */
    public int length() {
        return end;
    }

    public int fieldCount() {
        return fields.count();
    }

    /** The value of the first field named {@code name}, or null; allocates, for tests and logs. */
    public String value(FieldName name) {
        int i = fields.first(name);
        return i < 0 ? null : text(fields.valueStart(i), fields.valueEnd(i));
    }

    /** The name of field {@code i} as it came; allocates, for the HTTP/2 response writer. */
    public String fieldName(int i) {
        return text(fields.nameStart(i), fields.nameEnd(i));
    }

    /** The value of field {@code i}, without surrounding whitespace; allocates, for the HTTP/2 response writer. */
    public String fieldValue(int i) {
        return text(fields.valueStart(i), fields.valueEnd(i));
    }

    String text(int start, int end) {
        return buf.toString(base + start, end - start, StandardCharsets.ISO_8859_1);
    }
}
