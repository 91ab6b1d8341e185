package dev.ferry.router.http1;

import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;

/**
 * Accepts a request target in origin form ({@code /path?q}), absolute form with an {@code http} or
 * {@code https} scheme ({@code http://host/path}, RFC 9112 §3.2.2) or, for {@code OPTIONS} only, asterisk form;
 * anything else is 400 {@code bad_request}. The characters of the target were checked by the parser.
 */
final class TargetFormRule implements HeadRule {

    private static final byte[] HTTP = "http://".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HTTPS = "https://".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Override
    public RequestRefused apply(RequestHead head) {
        byte first = head.byteAt(head.targetStart);
        if (first == '/' || schemeLength(head) > 0) {
            return null;
        }
        if (first == '*' && head.targetEnd - head.targetStart == 1 && head.methodIs("OPTIONS")) {
            return null;
        }
        return new RequestRefused(ProxyError.BAD_REQUEST, "request target in no accepted form");
    }

    /** The length of an {@code http://} or {@code https://} prefix (any case) of the target, or 0. */
    static int schemeLength(RequestHead head) {
        int start = head.base + head.targetStart;
        int end = head.base + head.targetEnd;
        if (Ascii.equalsLowerCase(head.buf, start, Math.min(end, start + HTTP.length), HTTP)) {
            return HTTP.length;
        }
        if (Ascii.equalsLowerCase(head.buf, start, Math.min(end, start + HTTPS.length), HTTPS)) {
            return HTTPS.length;
        }
        return 0;
    }
}
