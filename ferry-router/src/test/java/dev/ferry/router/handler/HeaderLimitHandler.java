package dev.ferry.router.handler;

import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Iterator;
import java.util.Map;

/**
 * Client side: refuses with 431 {@code headers_too_large} a request head with more than
 * {@code RouterConfig.maxHeaderCount} fields (default 100) or a single header line ({@code name: value})
 * longer than {@code RouterConfig.maxHeaderLineLength} bytes (default 8192). The size of the whole head
 * ({@code maxHeaderSize}, 64 KiB) and of the request line ({@code maxInitialLineLength}, 8 KiB, then 414)
 * are bounded by the decoder itself.
 */
public final class HeaderLimitHandler extends RequestHeadCheck {

    private final int maxCount;
    private final int maxLineLength;

    public HeaderLimitHandler(int maxCount, int maxLineLength) {
        this.maxCount = maxCount;
        this.maxLineLength = maxLineLength;
    }

    @Override
    RequestRefused check(HttpRequest request) {
        if (request.headers().size() > maxCount) {
            return new RequestRefused(ProxyError.HEADERS_TOO_LARGE, "more than " + maxCount + " header fields");
        }
        Iterator<Map.Entry<CharSequence, CharSequence>> it = request.headers().iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> h = it.next();
            if (h.getKey().length() + 2 + h.getValue().length() > maxLineLength) {
                return new RequestRefused(ProxyError.HEADERS_TOO_LARGE, "header " + h.getKey() + " is too long");
            }
        }
        return null;
    }
}
