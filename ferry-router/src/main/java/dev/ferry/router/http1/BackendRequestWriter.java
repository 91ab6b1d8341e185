package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Writes the head a backend receives: the client's request line with its target in origin form, then each of
 * the client's fields that no rule dropped, copied byte for byte as it came (name case, spacing and value
 * untouched), then the fields the rules added, then the blank line. Nothing the client sent is decoded into
 * text or encoded again.
 */
public final class BackendRequestWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SPACE = {':', ' '};

    private BackendRequestWriter() {
    }

    /** A new buffer from {@code alloc} holding the backend's head for {@code head}. */
    public static ByteBuf write(RequestHead head, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(head.length() + 64 * (head.added.size() + 1));
        write(head, out);
        return out;
    }

    /** Appends the backend's head for {@code head} to {@code out}. */
    public static void write(RequestHead head, ByteBuf out) {
        ByteBuf in = head.buf;
        int base = head.base;
        out.writeBytes(in, base + head.methodStart, head.methodEnd - head.methodStart).writeByte(' ');
        if (head.originNeedsSlash) {
            out.writeByte('/');
        }
        out.writeBytes(in, base + head.originStart, head.targetEnd - head.originStart);
        out.writeBytes(head.isHttp11() ? HTTP_11 : HTTP_10);
        int runStart = -1;
        int runEnd = -1;
        for (int i = 0; i < head.fieldCount(); i++) {
            if (head.isDropped(i)) {
                continue;
            }
            // adjacent kept lines are copied in one go, each line with its own CRLF
            int lineStart = head.nameStart(i);
            int lineEnd = lineEndAfter(head, head.valueEnd(i));
            if (lineStart == runEnd) {
                runEnd = lineEnd;
            } else {
                if (runStart >= 0) {
                    out.writeBytes(in, base + runStart, runEnd - runStart);
                }
                runStart = lineStart;
                runEnd = lineEnd;
            }
        }
        if (runStart >= 0) {
            out.writeBytes(in, base + runStart, runEnd - runStart);
        }
        AddedFields added = head.added;
        for (int i = 0; i < added.size(); i++) {
            out.writeCharSequence(added.name(i), StandardCharsets.ISO_8859_1);
            out.writeBytes(COLON_SPACE);
            added.writeValue(i, out);
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
    }

    private static final byte[] HTTP_11 = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_10 = " HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The offset just after the CRLF that ends the field line whose value ends at {@code valueEnd}. */
    private static int lineEndAfter(RequestHead head, int valueEnd) {
        int i = valueEnd;
        while (head.byteAt(i) != '\n') {
            i++; // trailing whitespace of the value, then CR
        }
        return i + 1;
    }
}
