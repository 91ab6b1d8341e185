package dev.ferry.router.h2;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of HTTP/2 on the router's listeners (h2 by ALPN on HTTPS, h2c on HTTP). Part of
 * {@code RouterConfig}; {@link #defaults()} gives every default, written next to its field.
 *
 * @param maxConcurrentStreams  streams a client may have open at once on one connection
 *                              ({@code SETTINGS_MAX_CONCURRENT_STREAMS}); default 128, as nginx
 * @param initialWindowBytes    each stream's receive window ({@code SETTINGS_INITIAL_WINDOW_SIZE}): request body
 *                              bytes a client may send ahead of what the backend has taken; default 65,535 (the
 *                              protocol's own), so 128 streams buffer at most 8 MiB
 * @param connectionWindowBytes the connection's receive window, shared by its streams; default 1 MiB
 * @param maxHeaderListBytes    largest request header list ({@code SETTINGS_MAX_HEADER_LIST_SIZE}); default 65,536,
 *                              the HTTP/1.1 listener's head limit. The head given to the HTTP/1.1 rules is also
 *                              held to {@code RouterConfig.maxHeaderSize} (then 431)
 * @param maxResetsPerWindow    stream resets a client may cause per {@code resetWindow} before the connection is
 *                              closed with {@code GOAWAY ENHANCE_YOUR_CALM} (rapid reset, CVE-2023-44487);
 *                              default 200
 * @param resetWindow           the window of {@code maxResetsPerWindow}; default 30 s
 * @param cleartext             h2c on the HTTP listener (prior knowledge, and {@code Upgrade: h2c} on a
 *                              connection's first request); default true
 */
public record Http2Config(int maxConcurrentStreams, int initialWindowBytes, int connectionWindowBytes,
                          int maxHeaderListBytes, int maxResetsPerWindow, Duration resetWindow, boolean cleartext) {

    /** The protocol's own initial window, 65,535 bytes (RFC 9113 §6.9.2). */
    public static final int PROTOCOL_WINDOW_BYTES = 65_535;

    public Http2Config {
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams must be at least 1");
        }
        if (initialWindowBytes < 1024) {
            throw new IllegalArgumentException("initialWindowBytes must be at least 1024");
        }
        if (connectionWindowBytes < PROTOCOL_WINDOW_BYTES) {
            throw new IllegalArgumentException("connectionWindowBytes must be at least " + PROTOCOL_WINDOW_BYTES);
        }
        if (maxHeaderListBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderListBytes must be at least 1024");
        }
        if (maxResetsPerWindow < 1) {
            throw new IllegalArgumentException("maxResetsPerWindow must be at least 1");
        }
        Objects.requireNonNull(resetWindow, "resetWindow");
        if (resetWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("resetWindow must be at least 1 s");
        }
    }

    /** Every default. */
    public static Http2Config defaults() {
        return new Http2Config(128, PROTOCOL_WINDOW_BYTES, 1 << 20, 65_536, 200, Duration.ofSeconds(30), true);
    }

    /** These settings with {@code n} concurrent streams. */
    public Http2Config withMaxConcurrentStreams(int n) {
        return new Http2Config(n, initialWindowBytes, connectionWindowBytes, maxHeaderListBytes, maxResetsPerWindow,
                resetWindow, cleartext);
    }

    /** These settings with h2c on the HTTP listener turned on or off. */
    public Http2Config withCleartext(boolean on) {
        return new Http2Config(maxConcurrentStreams, initialWindowBytes, connectionWindowBytes, maxHeaderListBytes,
                maxResetsPerWindow, resetWindow, on);
    }
}
