package dev.ferry.router;

import dev.ferry.router.h2.Http2Config;
import dev.ferry.router.handler.TrustedProxies;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the HTTP proxy. Build with {@link #builder()}; every field has a default, written next to it.
 *
 * @param bindAddress            address the HTTP listener binds; default {@code 127.0.0.1}
 * @param httpPort               HTTP listener port; default 8080, 0 picks a free port
 * @param connectTimeout         time to open a backend connection; default 5 s
 * @param responseTimeout        time from the request sent to the first response byte; default 30 s
 * @param idleTimeout            a client or backend connection (also WebSocket, SSE) with no traffic closes
 *                               after this; default 55 s
 * @param requestHeaderTimeout   time for a request head to arrive, from the connection's start or the end of
 *                               the previous response; default 10 s (then 408)
 * @param maxRetries             further endpoints tried after a failed connect; default 2
 * @param maxIdlePerEndpoint     keep-alive backend connections kept per endpoint and event loop; default 32
 * @param backendIdleTime        how long a pooled backend connection waits for reuse; default 50 s, below
 *                               usual backend keep-alive timeouts
 * @param affinityCookieName     session affinity cookie; default {@code ferry_affinity}
 * @param trustedProxies         addresses or CIDR blocks whose {@code X-Forwarded-*} and {@code Forwarded} headers
 *                               are kept (appended to), from which {@code X-Real-IP} is worked out, and which
 *                               have no per-client connection cap; default none
 * @param viaName                the name in {@code Via}; default {@code ferry}
 * @param maxInitialLineLength   longest request line, in bytes; default 8192 (then 414). Also bounds a chunk-size
 *                               line with its extensions (then 400)
 * @param maxHeaderSize          largest request head (all header lines), in bytes; default 65536 (then 431)
 * @param shutdownGracePeriod    how long {@link Router#close()} lets requests in flight finish; default 10 s
 * @param maxRequestBodyBytes    largest request body, in bytes (then 413, or a closed connection once the
 *                               response has begun); default 0, no limit. A route's own
 *                               {@code RoutePolicy.maxBodyBytes}, when set, applies instead
 * @param maxHeaderLineLength    longest single header line ({@code name: value}), in bytes; default 8192 (then 431)
 * @param maxHeaderCount         most header fields in a request head; default 100 (then 431)
 * @param maxConnections         most client connections open at once; default 20000. At it, the connection idle
 *                               the longest of the client holding the most is closed to make room; when none
 *                               is idle, a new connection is answered 503 {@code too_many_connections} and closed
 * @param maxConnectionsPerClient most client connections open at once from one client IP address; default 1000.
 *                               At it, that client's connection idle the longest is closed to make room; when
 *                               none is idle, 503 {@code too_many_connections}. Trusted proxies have no such cap
 * @param http2                  HTTP/2 settings (streams, windows, limits, h2c on the HTTP listener); default
 *                               {@link Http2Config#defaults()}
 */
public record RouterConfig(String bindAddress, int httpPort, Duration connectTimeout, Duration responseTimeout,
                           Duration idleTimeout, Duration requestHeaderTimeout, int maxRetries, int maxIdlePerEndpoint,
                           Duration backendIdleTime, String affinityCookieName, List<String> trustedProxies,
                           String viaName, int maxInitialLineLength, int maxHeaderSize, Duration shutdownGracePeriod,
                           long maxRequestBodyBytes, int maxHeaderLineLength, int maxHeaderCount,
                           int maxConnections, int maxConnectionsPerClient, Http2Config http2) {

    public RouterConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort " + httpPort + " is outside 0-65535");
        }
        positive("connectTimeout", connectTimeout);
        positive("responseTimeout", responseTimeout);
        positive("idleTimeout", idleTimeout);
        positive("requestHeaderTimeout", requestHeaderTimeout);
        positive("backendIdleTime", backendIdleTime);
        Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
        if (shutdownGracePeriod.isNegative()) {
            throw new IllegalArgumentException("shutdownGracePeriod must not be negative");
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries " + maxRetries + " is outside 0-10");
        }
        if (maxIdlePerEndpoint < 0) {
            throw new IllegalArgumentException("maxIdlePerEndpoint must not be negative");
        }
        if (affinityCookieName == null || !affinityCookieName.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("affinityCookieName '" + affinityCookieName + "' is not a cookie name");
        }
        trustedProxies = List.copyOf(trustedProxies);
        TrustedProxies.parse(trustedProxies);
        if (viaName == null || viaName.isBlank() || viaName.chars().anyMatch(c -> c <= ' ' || c == ',')) {
            throw new IllegalArgumentException("viaName '" + viaName + "' must be one token");
        }
        if (maxInitialLineLength < 256) {
            throw new IllegalArgumentException("maxInitialLineLength must be at least 256");
        }
        if (maxHeaderSize < 1024) {
            throw new IllegalArgumentException("maxHeaderSize must be at least 1024");
        }
        if (maxRequestBodyBytes < 0) {
            throw new IllegalArgumentException("maxRequestBodyBytes must not be negative (0 means no limit)");
        }
        if (maxHeaderLineLength < 256 || maxHeaderLineLength > maxHeaderSize) {
            throw new IllegalArgumentException("maxHeaderLineLength must be at least 256 and at most maxHeaderSize");
        }
        if (maxHeaderCount < 8) {
            throw new IllegalArgumentException("maxHeaderCount must be at least 8");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        if (maxConnectionsPerClient < 1) {
            throw new IllegalArgumentException("maxConnectionsPerClient must be at least 1");
        }
        Objects.requireNonNull(http2, "http2");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every default. */
    public static RouterConfig defaults() {
        return builder().build();
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Builds a {@link RouterConfig}; starts from the defaults. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int httpPort = 8080;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(55);
        private Duration requestHeaderTimeout = Duration.ofSeconds(10);
        private int maxRetries = 2;
        private int maxIdlePerEndpoint = 32;
        private Duration backendIdleTime = Duration.ofSeconds(50);
        private String affinityCookieName = "ferry_affinity";
        private List<String> trustedProxies = List.of();
        private String viaName = "ferry";
        private int maxInitialLineLength = 8192;
        private int maxHeaderSize = 65536;
        private Duration shutdownGracePeriod = Duration.ofSeconds(10);
        private long maxRequestBodyBytes = 0;
        private int maxHeaderLineLength = 8192;
        private int maxHeaderCount = 100;
        private int maxConnections = 20_000;
        private int maxConnectionsPerClient = 1000;
        private Http2Config http2 = Http2Config.defaults();

        private Builder() {
        }

        public Builder bindAddress(String v) { bindAddress = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder responseTimeout(Duration v) { responseTimeout = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder requestHeaderTimeout(Duration v) { requestHeaderTimeout = v; return this; }
        public Builder maxRetries(int v) { maxRetries = v; return this; }
        public Builder maxIdlePerEndpoint(int v) { maxIdlePerEndpoint = v; return this; }
        public Builder backendIdleTime(Duration v) { backendIdleTime = v; return this; }
        public Builder affinityCookieName(String v) { affinityCookieName = v; return this; }
        public Builder trustedProxies(List<String> v) { trustedProxies = v; return this; }
        public Builder viaName(String v) { viaName = v; return this; }
        public Builder maxInitialLineLength(int v) { maxInitialLineLength = v; return this; }
        public Builder maxHeaderSize(int v) { maxHeaderSize = v; return this; }
        public Builder shutdownGracePeriod(Duration v) { shutdownGracePeriod = v; return this; }
        public Builder maxRequestBodyBytes(long v) { maxRequestBodyBytes = v; return this; }
        public Builder maxHeaderLineLength(int v) { maxHeaderLineLength = v; return this; }
        public Builder maxHeaderCount(int v) { maxHeaderCount = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder maxConnectionsPerClient(int v) { maxConnectionsPerClient = v; return this; }
        public Builder http2(Http2Config v) { http2 = v; return this; }

        public RouterConfig build() {
            return new RouterConfig(bindAddress, httpPort, connectTimeout, responseTimeout, idleTimeout,
                    requestHeaderTimeout, maxRetries, maxIdlePerEndpoint, backendIdleTime, affinityCookieName,
                    trustedProxies, viaName, maxInitialLineLength, maxHeaderSize, shutdownGracePeriod,
                    maxRequestBodyBytes, maxHeaderLineLength, maxHeaderCount, maxConnections, maxConnectionsPerClient, http2);
        }
    }
}
