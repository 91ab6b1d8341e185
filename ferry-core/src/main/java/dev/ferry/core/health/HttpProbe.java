package dev.ferry.core.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Ferry's one HTTP health probe: {@code GET path} on a fresh connection with {@code Connection: close}, the
 * whole answer read (see {@link HttpProbeAnswer}) before the connection closes, so probes never hold
 * keep-alive connections that would delay a drain and never make the app write into a closed socket. The
 * local runtime calls {@link #check} (blocking, one virtual or platform thread per probe); the router sends
 * {@link #request} and reads the answer on its event loop with the same {@link HttpProbeAnswer}.
 */
public final class HttpProbe {

    /** The User-Agent of every probe. */
    public static final String USER_AGENT = "ferry-health-check";

    private HttpProbe() {
    }

    /** The request bytes of a probe of {@code path} with {@code hostHeader} as its Host. */
    public static byte[] request(String path, String hostHeader) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: " + USER_AGENT
                + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code GET path} on {@code host:port} answers with a status below {@code maxStatusExclusive} (and a body
     * containing {@code content}, when given) within {@code timeout}, all of it. Empty when healthy, else why not.
     */
    public static Optional<String> check(String host, int port, String path, Optional<String> content,
                                         Duration timeout, int maxStatusExclusive) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            OutputStream out = s.getOutputStream();
            out.write(request(path, "localhost"));
            out.flush();
            HttpProbeAnswer answer = readAnswer(s, deadline, content.isPresent());
            if (answer.status() <= 0) {
                return Optional.of("GET " + path + " got no HTTP response");
            }
            if (answer.status() >= maxStatusExclusive) {
                return Optional.of("GET " + path + " answered " + answer.status());
            }
            if (content.isPresent() && !answer.body().contains(content.get())) {
                return Optional.of("GET " + path + " answered without \"" + content.get() + "\"");
            }
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            return Optional.of("GET " + path + " did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            return Optional.of("GET " + path + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /** Reads until the answer is complete; a body that drags past the deadline only fails a content check. */
    private static HttpProbeAnswer readAnswer(Socket s, long deadline, boolean bodyNeeded) throws IOException {
        HttpProbeAnswer answer = new HttpProbeAnswer();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        while (!answer.complete()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException();
            }
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                if (answer.statusKnown() && !bodyNeeded) {
                    return answer;
                }
                throw e;
            }
            if (n < 0) {
                answer.closed();
            } else {
                answer.read(buf, 0, n);
            }
        }
        return answer;
    }
}
