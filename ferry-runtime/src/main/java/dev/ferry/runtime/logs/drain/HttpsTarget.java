package dev.ferry.runtime.logs.drain;

import dev.ferry.core.log.LogLine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * An {@code https://} or {@code http://} drain in Heroku's format: each batch is one {@code POST} of
 * {@code Content-Type: application/logplex-1} whose body is octet-counted RFC 5424 frames
 * ({@link SyslogMessage}), with {@code Logplex-Msg-Count}, a fresh {@code Logplex-Frame-Id} and the drain's
 * {@code Logplex-Drain-Token}. Any status other than 2xx is a failure, and the batch is posted again later
 * with the same frame id, so that a receiver can drop a repeat.
 */
final class HttpsTarget implements DrainTarget {

    private final URI url;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;
    private List<LogLine> lastBatch;
    private String lastFrameId;

    HttpsTarget(URI url, String token, SSLContext tls, Duration connectTimeout) {
        this.url = url;
        this.token = token;
        this.timeout = connectTimeout.multipliedBy(2);
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).sslContext(tls)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void send(List<LogLine> batch) throws IOException {
        if (batch != lastBatch) {
            lastBatch = batch;
            lastFrameId = UUID.randomUUID().toString();
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/logplex-1")
                .header("Logplex-Msg-Count", String.valueOf(batch.size()))
                .header("Logplex-Frame-Id", lastFrameId)
                .header("Logplex-Drain-Token", token)
                .header("User-Agent", "Ferry")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SyslogMessage.frames(batch)))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the drain answered " + response.statusCode());
        }
    }

    @Override
    public boolean lingers() {
        return true;
    }

    @Override
    public void close() {
        // HttpClient pools its own connections
    }

    @Override
    public void shutdown() {
        http.shutdownNow();
    }
}
