package dev.ferry.runtime.logs.drain;

import dev.ferry.core.log.LogLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * An {@code https://} or {@code http://} drain in Heroku's format: each batch is one {@code POST} of
 * {@code Content-Type: application/logplex-1} whose body is octet-counted RFC 5424 frames
 * ({@link SyslogMessage}), with {@code Logplex-Msg-Count}, a fresh {@code Logplex-Frame-Id} and the drain's
 * {@code Logplex-Drain-Token}. Any status other than 2xx is a failure, and the batch is posted again later
 * with the same frame id, so that a receiver can drop a repeat. Redirects are not followed.
 *
 * <p>Each post is one HTTP/1.1 exchange on a fresh connection opened by the {@link DrainConnector}, to an address
 * checked at that moment: an HTTP client resolving the name itself could be sent elsewhere by DNS after the check.
 */
final class HttpsTarget implements DrainTarget {

    private static final int MAX_STATUS_LINE = 256;

    private final URI url;
    private final String token;
    private final Duration timeout;
    private final SSLContext tls;
    private final DrainConnector connector;
    private List<LogLine> lastBatch;
    private String lastFrameId;

    HttpsTarget(URI url, String token, SSLContext tls, Duration connectTimeout, DrainConnector connector) {
        this.url = url;
        this.token = token;
        this.timeout = connectTimeout.multipliedBy(2);
        this.tls = "https".equals(url.getScheme()) ? tls : null;
        this.connector = connector;
    }

    @Override
    public void send(List<LogLine> batch) throws IOException {
        if (batch != lastBatch) {
            lastBatch = batch;
            lastFrameId = UUID.randomUUID().toString();
        }
        byte[] body = SyslogMessage.frames(batch);
        String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String head = "POST " + target + " HTTP/1.1\r\n"
                + "Host: " + url.getRawAuthority() + "\r\n"
                + "Content-Type: application/logplex-1\r\n"
                + "Logplex-Msg-Count: " + batch.size() + "\r\n"
                + "Logplex-Frame-Id: " + lastFrameId + "\r\n"
                + "Logplex-Drain-Token: " + token + "\r\n"
                + "User-Agent: Ferry\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket s = connector.open(url.getHost(), DrainAddressPolicy.portOf(url), tls)) {
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            int status = status(s.getInputStream());
            if (status / 100 != 2) {
                throw new IOException("the drain answered " + status);
            }
        }
    }

    /** The status code of the response's status line ({@code HTTP/1.1 200 OK}). */
    private static int status(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n' && line.size() < MAX_STATUS_LINE) {
            line.write(c);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.") || text.length() < 12) {
            throw new IOException("the drain sent no HTTP response");
        }
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("the drain sent a bad status line");
        }
    }

    @Override
    public boolean lingers() {
        return true;
    }

    @Override
    public void close() {
        // one connection per post
    }
}
