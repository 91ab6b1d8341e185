package dev.ferry.router.http1;

import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;

/**
 * Refuses with 431 {@code headers_too_large} a head with more than {@link HeadLimits#maxHeaderCount} fields
 * (default 100) or a {@code name: value} line longer than {@link HeadLimits#maxHeaderLineLength} bytes
 * (default 8192), counted as the name, a colon and a space, and the value without surrounding whitespace.
 */
final class HeaderLimitRule implements HeadRule {

    private final int maxCount;
    private final int maxLineLength;

    HeaderLimitRule(HeadLimits limits) {
        this.maxCount = limits.maxHeaderCount();
        this.maxLineLength = limits.maxHeaderLineLength();
    }

    @Override
    public RequestRefused apply(RequestHead head) {
        if (head.fieldCount() > maxCount) {
            return new RequestRefused(ProxyError.HEADERS_TOO_LARGE, "more than " + maxCount + " header fields");
        }
        for (int i = 0; i < head.fieldCount(); i++) {
            int line = head.nameEnd(i) - head.nameStart(i) + 2 + head.valueEnd(i) - head.valueStart(i);
            if (line > maxLineLength) {
                return new RequestRefused(ProxyError.HEADERS_TOO_LARGE, "header " + head.nameText(i) + " is too long");
            }
        }
        return null;
    }
}
