package dev.ferry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one HTTP client of the control API, used by the CLI (through its {@code ApiClient}) and by a separate
 * gateway. Every call carries the bearer token and answers 2xx, or throws {@link ApiRefused} (the API's error),
 * {@link ApiUnreachable} or {@link ApiTimedOut}. Bodies are records of {@code dev.ferry.core.api} (or trees),
 * written and read by {@link ApiJson}.
 *
 * <p>Plain calls go through {@link HttpURLConnection}, which a fresh JVM sets up in a tenth of the time of
 * {@link HttpClient} (docs/benchmarks.md, "CLI start"); {@code PATCH}, which it cannot send, and streamed answers
 * use an {@link HttpClient} made on first use. Timeouts: connect 5 s; each call {@code timeout} unless it says
 * otherwise (the CLI's default is 30 s, the gateway's 10 s); a streamed answer has no limit once its head arrived.
 */
public final class ControlApiClient {

    /** How long connecting may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");

    private final String baseUrl;
    private final String token;
    private final Duration timeout;
    private HttpClient http;

    /**
     * @param baseUrl the API's base URL without a trailing slash, e.g. {@code http://127.0.0.1:7070}
     * @param token   the bearer token every call carries
     * @param timeout how long a call may wait for its answer unless it names its own
     */
    public ControlApiClient(String baseUrl, String token, Duration timeout) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.token = Objects.requireNonNull(token, "token");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the API URL must be http(s)://host:port, not '" + baseUrl + "'");
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** One call with a record or tree {@code body} (or {@code null}), its answer read as a {@code type}. */
    public <T> T call(String method, String path, Object body, Class<T> type) {
        return ApiJson.read(call(method, path, body).body(), type);
    }

    /** One call with a record or tree {@code body} (or {@code null}) within the default timeout. */
    public ApiAnswer call(String method, String path, Object body) {
        return call(method, path, body, timeout);
    }

    /** One call that may take up to {@code callTimeout} (one that waits for a deploy). */
    public ApiAnswer call(String method, String path, Object body, Duration callTimeout) {
        String json = body == null ? null : ApiJson.write(body);
        return method.equals("PATCH") ? callOverHttpClient(method, path, json, callTimeout)
                : callPlain(method, path, json, callTimeout);
    }

    /** Every item of a paginated list, following {@code rel="next"} links (at most 10,000 pages). */
    public List<JsonNode> getAll(String path) {
        List<JsonNode> all = new java.util.ArrayList<>();
        Optional<String> next = Optional.of(path);
        for (int pages = 0; next.isPresent() && pages < 10_000; pages++) {
            ApiAnswer page = call("GET", next.get(), null);
            if (!page.body().isArray()) {
                throw new IllegalStateException("the API answered " + path + " with something other than a list");
            }
            page.body().forEach(all::add);
            next = page.next();
        }
        return all;
    }

    private ApiAnswer callPlain(String method, String path, String json, Duration callTimeout) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) callTimeout.toMillis());
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("Authorization", "Bearer " + token);
            connection.setRequestProperty("Accept", "application/json");
            if (json != null) {
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(bytes.length);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            } else if (!method.equals("GET") && !method.equals("DELETE")) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(0);
                connection.getOutputStream().close();
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = in == null ? "" : readAll(in);
            List<String> links = connection.getHeaderFields().getOrDefault("Link", List.of());
            return answer(status, text, links);
        } catch (SocketTimeoutException e) {
            if (e.getMessage() != null && e.getMessage().contains("connect")) {
                throw new ApiUnreachable(baseUrl, "connection timed out", e);
            }
            throw new ApiTimedOut(baseUrl, callTimeout, e);
        } catch (ConnectException e) {
            throw new ApiUnreachable(baseUrl, "connection refused", e);
        } catch (UnknownHostException e) {
            throw new ApiUnreachable(baseUrl, "unknown host", e);
        } catch (IOException e) {
            throw unreachable(e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private ApiAnswer callOverHttpClient(String method, String path, String json, Duration callTimeout) {
        HttpRequest.Builder request = request(path, callTimeout).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString(), callTimeout);
        return answer(response.statusCode(), response.body(), response.headers().allValues("Link"));
    }

    /**
     * A call whose answer is read as it arrives ({@code run}'s frames); answers the body of a 2xx or throws
     * {@link ApiRefused}. The caller closes the stream.
     */
    public InputStream stream(String method, String path, Object body) {
        String json = body == null ? "" : ApiJson.write(body);
        HttpRequest request = request(path, timeout).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream(), timeout);
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            try {
                answer(response.statusCode(), readAll(response.body()), List.of());
            } catch (IOException e) {
                throw unreachable(e);
            }
        }
        return response.body();
    }

    /** GETs a text resource and hands each line to {@code lines} as it arrives (a running build's output). */
    public void streamLines(String path, Consumer<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/plain, application/json").GET().build();
        HttpResponse<Stream<String>> response = exchange(request, HttpResponse.BodyHandlers.ofLines(), timeout);
        try (Stream<String> body = response.body()) {
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                answer(response.statusCode(), String.join("\n", body.toList()), List.of());
            }
            body.forEach(lines);
        } catch (UncheckedIOException e) {
            throw unreachable(e.getCause());
        }
    }

    private HttpRequest.Builder request(String path, Duration callTimeout) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(callTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        }
        return http;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, Duration callTimeout) {
        try {
            return http().send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw new ApiUnreachable(baseUrl, "connection timed out", e);
        } catch (HttpTimeoutException e) {
            throw new ApiTimedOut(baseUrl, callTimeout, e);
        } catch (ConnectException e) {
            throw new ApiUnreachable(baseUrl, causedBy(e, UnresolvedAddressException.class) ? "unknown host"
                    : "connection refused", e);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnreachable(baseUrl, "interrupted", new IOException(e));
        }
    }

    private ApiAnswer answer(int status, String text, List<String> links) {
        JsonNode json = ApiJson.parse(text);
        if (status < 200 || status > 299) {
            JsonNode error = json.path("error");
            throw new ApiRefused(status, json.path("code").asText("http_" + status),
                    error.isTextual() && !error.asText().isBlank() ? error.asText() : "the API answered " + status);
        }
        Optional<String> next = links.stream().map(NEXT_LINK::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst();
        return new ApiAnswer(status, json, next);
    }

    private ApiUnreachable unreachable(IOException e) {
        return new ApiUnreachable(baseUrl, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
