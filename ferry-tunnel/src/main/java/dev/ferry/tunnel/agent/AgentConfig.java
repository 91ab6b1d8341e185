package dev.ferry.tunnel.agent;

import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link TunnelAgent}.
 *
 * @param app            the app to publish
 * @param token          the user's API token (sent to the gateway inside TLS)
 * @param localHost      where the local app listens (default {@code 127.0.0.1})
 * @param localPort      its port
 * @param takeover       serve the app's own names too while connected (default false: only the preview name)
 * @param connections    how many gateways to hold a connection to at once, when that many are known (default 2)
 * @param initialBackoff first delay before reconnecting (default 500 ms); doubled per failure, with jitter
 * @param maxBackoff     the cap of that delay (default 60 s)
 * @param heartbeat      PING interval (default 5 s); {@code deadAfter} read silence that ends a connection (15 s)
 * @param localConnectTimeout how long the local port may take to accept (default 5 s)
 */
public record AgentConfig(AppName app, String token, String localHost, int localPort, boolean takeover, int connections,
                          Duration initialBackoff, Duration maxBackoff, Duration heartbeat, Duration deadAfter,
                          Duration localConnectTimeout) {

    public AgentConfig {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(localHost, "localHost");
        if (localPort < 1 || localPort > 65535) {
            throw new IllegalArgumentException("local port " + localPort + " is outside 1-65535");
        }
        if (connections < 1 || connections > 8) {
            throw new IllegalArgumentException("connections must be 1 to 8");
        }
        for (Duration d : new Duration[] {initialBackoff, maxBackoff, heartbeat, deadAfter, localConnectTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("agent durations must be positive");
            }
        }
    }

    /** The defaults for publishing {@code localPort} as {@code app}. */
    public static AgentConfig of(AppName app, String token, int localPort, boolean takeover) {
        return new AgentConfig(app, token, "127.0.0.1", localPort, takeover, 2, Duration.ofMillis(500),
                Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5));
    }

    public AgentConfig withBackoff(Duration initial, Duration max) {
        return new AgentConfig(app, token, localHost, localPort, takeover, connections, initial, max, heartbeat, deadAfter,
                localConnectTimeout);
    }

    public AgentConfig withHeartbeat(Duration every, Duration dead) {
        return new AgentConfig(app, token, localHost, localPort, takeover, connections, initialBackoff, maxBackoff, every,
                dead, localConnectTimeout);
    }

    public AgentConfig withConnections(int n) {
        return new AgentConfig(app, token, localHost, localPort, takeover, n, initialBackoff, maxBackoff, heartbeat,
                deadAfter, localConnectTimeout);
    }
}
