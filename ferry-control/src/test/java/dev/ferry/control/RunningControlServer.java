package dev.ferry.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * A real {@link ControlServer} on an ephemeral port of 127.0.0.1 over an {@link InMemoryRouteRegistry},
 * with a fixed valid token and a small HTTP client for tests. Close it after the test.
 */
public final class RunningControlServer implements AutoCloseable {

    public static final String TOKEN = "ferry_test-token";
    public static final String METRICS = "# TYPE ferry_up gauge\nferry_up 1\n";

    private static final ObjectMapper JSON = new ObjectMapper();

    public final InMemoryRouteRegistry registry = new InMemoryRouteRegistry();
    public final ControlServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RunningControlServer(Set<Integer> reservedPorts) {
        ControlConfig config = ControlConfig.builder().port(0).reservedPorts(reservedPorts).build();
        server = new ControlServer(config, registry, TOKEN::equals, () -> METRICS).start();
    }

    public RunningControlServer() {
        this(Set.of());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public HttpResponse<String> call(String method, String path, String body) {
        return call(method, path, body, TOKEN);
    }

    /** One request; {@code token} null sends no Authorization header. */
    public HttpResponse<String> call(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
