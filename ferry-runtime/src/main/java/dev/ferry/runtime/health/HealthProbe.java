package dev.ferry.runtime.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/**
 * One TCP try of a health check against {@code 127.0.0.1:port}: empty when healthy, else why not. HTTP tries
 * are the platform's one {@link dev.ferry.core.health.HttpProbe}.
 *
 * <p>An instance in its own network namespace is reached through pasta, which accepts on the host's loopback
 * first and closes the connection at once when nothing listens inside; so a TCP check also waits
 * {@link #TCP_SETTLE} for that close before it calls the port open.
 */
public final class HealthProbe {

    /** How long a TCP check waits for a forwarder's immediate close after connecting. */
    static final Duration TCP_SETTLE = Duration.ofMillis(100);

    private HealthProbe() {
    }

    /** The port accepts a connection within {@code timeout}. */
    public static Optional<String> tcp(int port, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), (int) Math.max(1, timeout.toMillis()));
            s.setSoTimeout((int) TCP_SETTLE.toMillis());
            try {
                if (s.getInputStream().read() == -1) {
                    return Optional.of("port " + port + " refused connections");
                }
            } catch (java.net.SocketTimeoutException quiet) {
                // still open: something listens
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("port " + port + " refused connections");
        }
    }
}
