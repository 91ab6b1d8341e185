package dev.ferry.router.http1;

import dev.ferry.router.RouterConfig;

/**
 * The sizes a client request head may have, in bytes and fields; taken from {@link RouterConfig}, whose
 * defaults are 8192 for the request line (then 414), 65536 for all header lines (then 431), 8192 for one
 * {@code name: value} line and 100 fields (then 431).
 */
public record HeadLimits(int maxInitialLineLength, int maxHeaderSize, int maxHeaderLineLength, int maxHeaderCount) {

    public HeadLimits {
        if (maxInitialLineLength < 1 || maxHeaderSize < 1 || maxHeaderLineLength < 1 || maxHeaderCount < 1) {
            throw new IllegalArgumentException("head limits must be positive");
        }
    }

    public static HeadLimits of(RouterConfig c) {
        return new HeadLimits(c.maxInitialLineLength(), c.maxHeaderSize(), c.maxHeaderLineLength(), c.maxHeaderCount());
    }
}
