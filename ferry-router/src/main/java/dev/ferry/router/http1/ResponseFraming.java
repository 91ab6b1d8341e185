package dev.ferry.router.http1;

/**
 * Works out how a backend response's body ends and whether the backend connection stays usable (RFC 9112
 * §6.3): no body for a {@code HEAD} request, a 1xx, 204 or 304; else chunked, else {@code Content-Length},
 * else until the backend closes. Refuses several {@code Content-Length} fields, one that is not 1 to 18
 * digits, {@code Content-Length} with {@code Transfer-Encoding}, and any coding but a single {@code chunked}:
 * a body the router could neither delimit nor pass on faithfully. Keep-alive: HTTP/1.1 unless
 * {@code Connection: close}, HTTP/1.0 only with {@code keep-alive}.
 */
final class ResponseFraming {

    private static final byte[] CHUNKED = "chunked".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ResponseFraming() {
    }

    /** Sets the head's framing and keep-alive; answers why the response is refused, or null. */
    static String apply(ResponseHead head, boolean headRequest) {
        FieldLines f = head.fields;
        int length = -1;
        int encoding = -1;
        for (int i = 0; i < f.count(); i++) {
            switch (f.name(i)) {
                case CONTENT_LENGTH -> {
                    if (length >= 0) {
                        return "several Content-Length fields";
                    }
                    length = i;
                }
                case TRANSFER_ENCODING -> {
                    if (encoding >= 0) {
                        return "Transfer-Encoding other than a single chunked";
                    }
                    encoding = i;
                }
                default -> {
                }
            }
        }
        int connection = ConnectionTokens.of(head.buf, head.base, f);
        head.keepAlive = ConnectionTokens.keepAlive(connection, head.isHttp11());
        head.upgrade = head.status == 101 && (connection & ConnectionTokens.UPGRADE) != 0 && f.first(FieldName.UPGRADE) >= 0;
        if (length >= 0 && encoding >= 0) {
            return "both Content-Length and Transfer-Encoding";
        }
        if (encoding >= 0 && !Ascii.equalsLowerCase(head.buf, head.base + f.valueStart(encoding),
                head.base + f.valueEnd(encoding), CHUNKED)) {
            return "Transfer-Encoding other than a single chunked";
        }
        if (length >= 0) {
            head.contentLength = digits(head, f.valueStart(length), f.valueEnd(length));
            if (head.contentLength < 0) {
                return "Content-Length is not a decimal length";
            }
        }
        boolean bodiless = headRequest || head.status < 200 || head.status == 204 || head.status == 304;
        if (bodiless) {
            head.body = BodyFramer.Mode.NONE;
        } else if (encoding >= 0) {
            head.body = BodyFramer.Mode.CHUNKED;
        } else if (length >= 0) {
            head.body = head.contentLength == 0 ? BodyFramer.Mode.NONE : BodyFramer.Mode.LENGTH;
        } else {
            head.body = BodyFramer.Mode.UNTIL_CLOSE;
        }
        return null;
    }

    private static long digits(ResponseHead head, int start, int end) {
        if (start == end || end - start > 18) {
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
}
