package dev.ferry.router.http1;

import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;
import io.netty.buffer.ByteBuf;

/**
 * Reads a client's HTTP/1.1 request head in one pass over the received bytes, in place: it records offsets in a
 * {@link RequestHead} and refuses, as it goes, every head whose syntax two parsers could read differently
 * (RFC 9112 §2.2, §3, §5): a line ended by LF alone, a method that is not a token, a target with a control,
 * space, non-ASCII or {@code " < > \ #} character, a version other than HTTP/1.x, a field line that
 * starts with a space or tab (obsolete line folding, or whitespace before the first field), a name that is not a
 * token or is followed by whitespace before its colon, and a value with CR, NUL or another control character.
 * Those are 400; a request line longer than {@link HeadLimits#maxInitialLineLength} is 414 and header lines
 * over {@link HeadLimits#maxHeaderSize} in all are 431, both refused before the head is complete. The rest of the
 * rules (framing, limits per field, Host...) are {@link RequestHeadRules}, applied to the complete head.
 *
 * <p>Resumable: called again with more bytes after {@link Result#INCOMPLETE}, it goes on from the last line it
 * had not finished, so a head dribbled byte by byte is still read once. CR and LF bytes before the request
 * line are skipped (RFC 9112 §2.2). Threading: one instance per connection, on its event loop.
 */
public final class RequestHeadParser {

    /** What a call to {@link #parse} found. */
    public enum Result { INCOMPLETE, COMPLETE, REFUSED }

    private final HeadLimits limits;
    private boolean inFields;
    private int lineStart;
    private int scanned;
    private int headerBytes;
    private RequestRefused refusal;

    public RequestHeadParser(HeadLimits limits) {
        this.limits = limits;
    }

    /** Why the last head was refused; set when {@link #parse} answered {@link Result#REFUSED}. */
    public RequestRefused refusal() {
        return refusal;
    }

    /**
     * Parses the head that starts at {@code in}'s reader index into {@code head}, without moving the reader
     * index; on {@link Result#COMPLETE} the head is {@link RequestHead#length()} bytes long.
     */
    public Result parse(ByteBuf in, RequestHead head) {
        if (!inFields && lineStart == 0 && scanned == 0) {
            head.reset();
        }
        head.attach(in);
        int available = in.readableBytes();
        if (!inFields) {
            // CR and LF before a request line are left over from the previous message, not part of this one
            while (lineStart < available && isLineBreak(head.byteAt(lineStart))) {
                lineStart++;
            }
            scanned = Math.max(scanned, lineStart);
        }
        while (true) {
            int lf = in.indexOf(head.base + scanned, head.base + available, (byte) '\n');
            if (lf < 0) {
                scanned = available;
                return partialLine(available - lineStart);
            }
            int newline = lf - head.base;
            scanned = newline + 1;
            if (newline == lineStart || head.byteAt(newline - 1) != '\r') {
                return refuse(ProxyError.BAD_REQUEST, "a line ended by LF alone");
            }
            int contentEnd = newline - 1;
            int start = lineStart;
            lineStart = newline + 1;
            Result r = inFields ? fieldLine(head, start, contentEnd) : requestLine(head, start, contentEnd);
            if (r != null) {
                if (r == Result.COMPLETE) {
                    head.end = newline + 1;
                    restart();
                }
                return r;
            }
        }
    }

    /** Forgets a refused or abandoned head, so that the next call starts a new one. */
    public void restart() {
        inFields = false;
        lineStart = 0;
        scanned = 0;
        headerBytes = 0;
    }

    private Result partialLine(int length) {
        if (!inFields && length > limits.maxInitialLineLength() + 1) {
            return refuse(ProxyError.URI_TOO_LONG, "request line over " + limits.maxInitialLineLength() + " bytes");
        }
        if (inFields && headerBytes + length > limits.maxHeaderSize()) {
            return refuse(ProxyError.HEADERS_TOO_LARGE, "header lines over " + limits.maxHeaderSize() + " bytes");
        }
        return Result.INCOMPLETE;
    }

    private Result requestLine(RequestHead head, int start, int end) {
        if (start == end) {
            return null; // an empty line before the request line
        }
        if (end - start > limits.maxInitialLineLength()) {
            return refuse(ProxyError.URI_TOO_LONG, "request line over " + limits.maxInitialLineLength() + " bytes");
        }
        int i = start;
        while (i < end && Ascii.isTokenChar(head.byteAt(i))) {
            i++;
        }
        if (i == start || i == end || head.byteAt(i) != ' ') {
            return refuse(ProxyError.BAD_REQUEST, "invalid method");
        }
        head.method(start, i);
        int target = ++i;
        while (i < end && head.byteAt(i) != ' ') {
            if (!Ascii.isTargetChar(head.byteAt(i))) {
                return refuse(ProxyError.BAD_REQUEST, "invalid character in the request target");
            }
            i++;
        }
        if (i == target) {
            return refuse(ProxyError.BAD_REQUEST, "empty request target");
        }
        head.targetStart = target;
        head.targetEnd = i;
        head.originStart = target;
        int version = version(head, i + 1, end);
        if (i == end || version < 0) {
            return refuse(ProxyError.BAD_REQUEST, "not an HTTP/1.x request line");
        }
        head.minorVersion = version;
        inFields = true;
        return null;
    }

    /**
     * The minor version of {@code HTTP/1.x} at {@code [start, end)}, else -1; a minor version above 1 is served
     * as 1.1 (RFC 9110 §2.5), though only exactly 1.1 may use Transfer-Encoding ({@link FramingRule}).
     */
    private static int version(RequestHead head, int start, int end) {
        if (end - start != 8) {
            return -1;
        }
        for (int k = 0; k < 7; k++) {
            if (head.byteAt(start + k) != "HTTP/1.".charAt(k)) {
                return -1;
            }
        }
        byte minor = head.byteAt(start + 7);
        return minor >= '0' && minor <= '9' ? minor - '0' : -1;
    }

    private Result fieldLine(RequestHead head, int start, int end) {
        if (start == end) {
            return Result.COMPLETE;
        }
        headerBytes += end - start + 2;
        if (headerBytes > limits.maxHeaderSize()) {
            return refuse(ProxyError.HEADERS_TOO_LARGE, "header lines over " + limits.maxHeaderSize() + " bytes");
        }
        String problem = head.fields.read(head.buf, head.base, start, end);
        return problem == null ? null : refuse(ProxyError.BAD_REQUEST, problem);
    }

    private static boolean isLineBreak(byte b) {
        return b == '\r' || b == '\n';
    }

    private Result refuse(ProxyError error, String reason) {
        refusal = new RequestRefused(error, reason);
        restart();
        return Result.REFUSED;
    }
}
