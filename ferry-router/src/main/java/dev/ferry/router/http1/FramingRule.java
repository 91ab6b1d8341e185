package dev.ferry.router.http1;

import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;

/**
 * Works out how the request body is framed and refuses every framing two parsers could read differently
 * (request smuggling, RFC 9112 §6.3 and §11.2), with 400 {@code bad_request}: several {@code Content-Length}
 * fields (equal or not), one that is not 1 to 18 decimal digits (signs, lists, hexadecimal, overflow),
 * {@code Content-Length} with {@code Transfer-Encoding}, {@code Transfer-Encoding} on any version but HTTP/1.1, and any
 * transfer coding but a single {@code chunked} in a single field ({@code gzip, chunked} is refused too, since
 * the router re-frames bodies and could not forward it faithfully). Also notes {@code Expect: 100-continue},
 * which the router answers itself, so the field does not go on.
 */
final class FramingRule implements HeadRule {

    private static final byte[] CHUNKED = "chunked".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CONTINUE = "100-continue".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_LENGTH_DIGITS = 18;

    @Override
    public RequestRefused apply(RequestHead head) {
        int length = -1;
        int encoding = -1;
        for (int i = 0; i < head.fieldCount(); i++) {
            FieldName name = head.name(i);
            if (name == FieldName.CONTENT_LENGTH) {
                if (length >= 0) {
                    return bad("several Content-Length fields");
                }
                length = i;
            } else if (name == FieldName.TRANSFER_ENCODING) {
                if (encoding >= 0) {
                    return bad("Transfer-Encoding other than a single chunked");
                }
                encoding = i;
            } else if (name == FieldName.EXPECT) {
                head.drop(i); // the router answers 100-continue itself
                head.expectContinue = Ascii.equalsLowerCase(head.buf, head.base + head.valueStart(i),
                        head.base + head.valueEnd(i), CONTINUE);
            }
        }
        if (length >= 0) {
            long value = decimal(head, head.valueStart(length), head.valueEnd(length));
            if (value < 0) {
                return bad("Content-Length is not a decimal length");
            }
            if (encoding >= 0) {
                return bad("both Content-Length and Transfer-Encoding");
            }
            head.contentLength = value;
            head.body = value > 0 ? RequestHead.Body.LENGTH : RequestHead.Body.NONE;
            return null;
        }
        if (encoding < 0) {
            return null;
        }
        if (head.minorVersion != 1) {
            return bad("Transfer-Encoding on HTTP/1." + head.minorVersion);
        }
        if (!Ascii.equalsLowerCase(head.buf, head.base + head.valueStart(encoding), head.base + head.valueEnd(encoding), CHUNKED)) {
            return bad("Transfer-Encoding other than a single chunked");
        }
        head.body = RequestHead.Body.CHUNKED;
        return null;
    }

    /** The value of 1 to 18 decimal digits at {@code [start, end)}, or -1. */
    private static long decimal(RequestHead head, int start, int end) {
        if (start == end || end - start > MAX_LENGTH_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            byte b = head.byteAt(i);
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static RequestRefused bad(String reason) {
        return new RequestRefused(ProxyError.BAD_REQUEST, reason);
    }
}
