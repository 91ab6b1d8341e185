package dev.ferry.router.tcp;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link TcpRouter}, built with {@link #builder()}.
 *
 * @param bindAddress    the address TCP route listeners bind to; default {@code 127.0.0.1}
 * @param connectTimeout how long to wait for an endpoint to accept a connection; default 5 s
 * @param idleTimeout    a relay with no bytes in either direction for this long is closed; default 55 s
 * @param maxRetries     how many other endpoints to try after a failed connect; default 2
 */
public record TcpRouterConfig(String bindAddress, Duration connectTimeout, Duration idleTimeout, int maxRetries) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(55);
    public static final int DEFAULT_MAX_RETRIES = 2;

    public TcpRouterConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress is empty");
        }
        if (connectTimeout.toMillis() < 1 || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout must be between 1 ms and 24 days");
        }
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("idleTimeout must be at least 1 ms");
        }
        if (maxRetries < 0 || maxRetries > 100) {
            throw new IllegalArgumentException("maxRetries must be between 0 and 100");
        }
    }

    /** The defaults: 127.0.0.1, connect 5 s, idle 55 s, 2 retries. */
    public static TcpRouterConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TcpRouterConfig}; every setting starts at its default. */
    public static final class Builder {
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;

        private Builder() {
        }

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        public TcpRouterConfig build() {
            return new TcpRouterConfig(bindAddress, connectTimeout, idleTimeout, maxRetries);
        }
    }
}
