package dev.ferry.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI's HTTP client of the control API. Every failure becomes a {@link CliFailure} with one sentence:
 * the API's own {@code error} for a refusal, a hint to log in for 401, a hint to start Ferry when the API
 * cannot be reached. Timeouts: connect 5 s, whole request 30 s (15 minutes for a call that waits for
 * a deploy; a streamed answer has no limit once its headers arrived).
 *
 * <p>Plain calls go through {@link HttpURLConnection}, which a fresh JVM sets up in a tenth of the time of
 * {@link HttpClient} (measured, docs/benchmarks.md "CLI start"); {@code PATCH}, which it cannot send, and
 * streamed answers use an {@link HttpClient} made on first use.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_PAGES = 10_000;
    /** How long an ordinary call may take. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long a call that waits for a deploy may take. */
    public static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(15);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String baseUrl;
    private final String token;
    private HttpClient http;

    ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        }
        return http;
    }

    /** A client of the API resolved from {@code env} (see {@link ApiTarget}); fails when there is no token. */
    public static ApiClient connect(CliEnvironment env) {
        ApiTarget target;
        try {
            target = ApiTarget.resolve(env);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage() + " (check FERRY_API_URL)");
        }
        String token = target.token().orElseThrow(() -> new CliFailure(
                "no API token for " + target.url() + ": set FERRY_API_TOKEN or run ferry login"));
        return new ApiClient(target.url(), token);
    }

    /** A client of {@code url} with an explicit token (used by {@code login} to check a token). */
    public static ApiClient of(String url, String token) {
        return new ApiClient(ApiTarget.normalizeUrl(url), token);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ApiResponse get(String path) {
        return send("GET", path, null);
    }

    public ApiResponse post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    public ApiResponse patch(String path, JsonNode body) {
        return send("PATCH", path, body);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null);
    }

    /** Every item of a paginated list, following {@code rel="next"} links. */
    public ArrayNode getAll(String path) {
        ArrayNode all = JSON.createArrayNode();
        Optional<String> next = Optional.of(path);
        for (int pages = 0; next.isPresent() && pages < MAX_PAGES; pages++) {
            ApiResponse page = get(next.get());
            if (!page.body().isArray()) {
                throw new CliFailure("the API answered " + path + " with something other than a list");
            }
            all.addAll((ArrayNode) page.body());
            next = page.next();
        }
        return all;
    }

    /** One call; answers 2xx or throws {@link CliFailure}. */
    public ApiResponse send(String method, String path, JsonNode body) {
        return send(method, path, body, REQUEST_TIMEOUT);
    }

    /**
     * One call that waits for a deploy (a config change, a rollback, a scale or a restart): the API answers once
     * the new instances serve, so it may take up to {@link #DEPLOY_TIMEOUT}.
     */
    public ApiResponse sendAwaitingDeploy(String method, String path, JsonNode body) {
        return send(method, path, body, DEPLOY_TIMEOUT);
    }

    /**
     * A call whose answer is read as it arrives ({@code run}'s NDJSON frames); answers the body of a 2xx or throws
     * {@link CliFailure} with the API's error. The caller closes the stream.
     */
    public InputStream stream(String method, String path, JsonNode body) {
        HttpRequest.Builder request = request(path, REQUEST_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofString(write(body)))
                .header("Content-Type", "application/json");
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream(), REQUEST_TIMEOUT);
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            try (InputStream in = response.body()) {
                answer(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8), response.headers());
            } catch (IOException e) {
                throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private ApiResponse send(String method, String path, JsonNode body, Duration timeout) {
        if (!method.equals("PATCH")) {
            return sendPlain(method, path, body, timeout);
        }
        HttpRequest.Builder request = request(path, timeout);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(), timeout);
        return answer(response.statusCode(), response.body(), response.headers());
    }

    /** One call over {@link HttpURLConnection}; the timeout bounds the wait for each part of the answer. */
    private ApiResponse sendPlain(String method, String path, JsonNode body, Duration timeout) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("Authorization", "Bearer " + token);
            connection.setRequestProperty("Accept", "application/json");
            if (body != null) {
                byte[] bytes = write(body).getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(bytes.length);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = in == null ? "" : readAll(in);
            HttpHeaders headers = HttpHeaders.of(connection.getHeaderFields().entrySet().stream()
                    .filter(e -> e.getKey() != null)
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), (k, v) -> true);
            return answer(status, text, headers);
        } catch (SocketTimeoutException e) {
            if (e.getMessage() != null && e.getMessage().contains("connect")) {
                throw unreachable("connection timed out");
            }
            throw new CliFailure("the Ferry API at " + baseUrl + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable("connection refused");
        } catch (UnknownHostException e) {
            throw unreachable("unknown host");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, Duration timeout) {
        try {
            return http().send(request.build(), handler);
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("connection timed out");
        } catch (HttpTimeoutException e) {
            throw new CliFailure("the Ferry API at " + baseUrl + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable(causedBy(e, UnresolvedAddressException.class) ? "unknown host" : "connection refused");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    /**
     * GETs a text resource and hands each line to {@code lines} as it arrives, for answers that stream (a
     * build's output while it runs); no overall time limit. A refusal is a {@link CliFailure} as for
     * {@link #send}.
     */
    public void streamLines(String path, java.util.function.Consumer<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/plain, application/json")
                .GET().build();
        try {
            HttpResponse<java.util.stream.Stream<String>> response = http().send(request, HttpResponse.BodyHandlers.ofLines());
            try (java.util.stream.Stream<String> body = response.body()) {
                if (response.statusCode() < 200 || response.statusCode() > 299) {
                    throw refusal(response.statusCode(), parse(body.collect(java.util.stream.Collectors.joining("\n"))));
                }
                body.forEach(lines);
            }
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("connection timed out");
        } catch (ConnectException e) {
            throw unreachable(causedBy(e, UnresolvedAddressException.class) ? "unknown host" : "connection refused");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    private ApiResponse answer(int status, String body, HttpHeaders headers) {
        JsonNode json = parse(body);
        if (status < 200 || status > 299) {
            throw refusal(status, json);
        }
        Optional<String> next = headers.allValues("Link").stream()
                .map(NEXT_LINK::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst();
        return new ApiResponse(status, json, next);
    }

    /** The one-line failure for a non-2xx answer: the API's own sentence, or a hint to log in for 401. */
    private static CliFailure refusal(int status, JsonNode json) {
        if (status == 401) {
            return new CliFailure("the API refused the token (401): set FERRY_API_TOKEN or run ferry login");
        }
        JsonNode error = json.path("error");
        return new CliFailure(error.isTextual() && !error.asText().isBlank() ? error.asText() : "the API answered " + status);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private CliFailure unreachable(String reason) {
        return new CliFailure("cannot reach the Ferry API at " + baseUrl + " (" + reason + ") — is `ferry up` running?");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** Compact JSON, as the API writes it. */
    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** An empty JSON object to fill in as a request body. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
