package dev.ferry.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * A separate gateway's client of the platform's control API (JDK HttpClient, JSON by Jackson): every call
 * carries a bearer token, answers the response's JSON (an empty object for 204), and turns an API error into
 * an {@link ApiRefused} with the API's own sentence. Calls block; each is bounded by a 10 s timeout.
 */
public final class ControlApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI apiUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param apiUrl the control API's base URL, e.g. {@code http://127.0.0.1:7070} */
    public ControlApiClient(URI apiUrl) {
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
        String scheme = apiUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("the API URL must be http(s)://host:port, not '" + apiUrl + "'");
        }
    }

    /** An API error: its HTTP status, stable code and sentence. */
    public static final class ApiRefused extends RuntimeException {
        private final int status;
        private final String code;

        ApiRefused(int status, String code, String sentence) {
            super(sentence);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    /**
     * @param body the JSON body, or {@code null} for none
     * @throws ApiRefused          when the API answers an error
     * @throws UncheckedIOException when it cannot be reached
     */
    public JsonNode call(String method, String path, String token, ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(apiUrl.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the control API at " + apiUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        if (response.statusCode() >= 300) {
            throw new ApiRefused(response.statusCode(), json.path("code").asText("http_" + response.statusCode()),
                    json.path("error").asText("the control API answered HTTP " + response.statusCode()));
        }
        return json;
    }
}
