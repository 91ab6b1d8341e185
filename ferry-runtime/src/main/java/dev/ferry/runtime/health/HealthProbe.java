package dev.ferry.runtime.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One try of a health check against {@code 127.0.0.1:port}: a TCP connect, or an HTTP/1.1 GET on a fresh
 * connection closed right after (so probes never hold keep-alive connections that would delay a drain).
 * Each method returns empty when healthy, else why not.
 *
 * <p>An instance in its own network namespace is reached through pasta, which accepts on the host's loopback
 * first and closes the connection at once when nothing listens inside; so a TCP check also waits
 * {@link #TCP_SETTLE} for that close before it calls the port open.
 */
public final class HealthProbe {

    private static final int MAX_BODY = 64 * 1024;
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

    /**
     * {@code GET path} answers with a status below {@code maxStatusExclusive} (and a body containing
     * {@code content}, when given) within {@code timeout}.
     */
    public static Optional<String> http(int port, String path, Optional<String> content, Duration timeout,
                                        int maxStatusExclusive) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), millis);
            s.setSoTimeout(millis);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: ferry-health\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readSome(s.getInputStream(), content.isPresent() ? MAX_BODY : 64);
            if (!response.startsWith("HTTP/1.")) {
                return Optional.of("GET " + path + " got no HTTP response");
            }
            int status = Integer.parseInt(response.substring(9, 12));
            if (status >= maxStatusExclusive) {
                return Optional.of("GET " + path + " answered " + status);
            }
            if (content.isPresent()) {
                int bodyAt = response.indexOf("\r\n\r\n");
                String body = bodyAt < 0 ? "" : response.substring(bodyAt + 4);
                if (!body.contains(content.get())) {
                    return Optional.of("GET " + path + " answered without \"" + content.get() + "\"");
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("GET " + path + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static String readSome(InputStream in, int max) throws IOException {
        byte[] buf = new byte[max];
        int n = 0;
        int r;
        while (n < max && (r = in.read(buf, n, max - n)) != -1) {
            n += r;
            if (max <= 64 && n >= 12) {
                break;
            }
        }
        return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }
}
