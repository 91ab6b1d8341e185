package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Wraps body bytes in the chunked coding for a body whose length nobody knows in advance (a backend response
 * delimited by its connection's close, sent on to an HTTP/1.1 client). The data is not copied: a chunk is the
 * size line, the caller's buffer and a CRLF, composed.
 */
public final class ChunkedFraming {

    /** The last chunk and the empty trailer section that end a chunked body. */
    private static final ByteBuf LAST = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(5).writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).asReadOnly();
    private static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte('\r').writeByte('\n')).asReadOnly();

    private ChunkedFraming() {
    }

    /** One chunk holding {@code data}, which it takes over; an empty buffer is released and gives an empty one. */
    public static ByteBuf chunk(ByteBufAllocator alloc, ByteBuf data) {
        int size = data.readableBytes();
        if (size == 0) {
            data.release();
            return Unpooled.EMPTY_BUFFER;
        }
        ByteBuf line = alloc.buffer(10);
        line.writeCharSequence(Integer.toHexString(size), StandardCharsets.US_ASCII);
        line.writeByte('\r').writeByte('\n');
        CompositeByteBuf chunk = alloc.compositeBuffer(3);
        chunk.addComponents(true, line, data, CRLF.duplicate());
        return chunk;
    }

    /** The end of a chunked body: {@code 0\r\n\r\n}. */
    public static ByteBuf last() {
        return LAST.duplicate();
    }
}
