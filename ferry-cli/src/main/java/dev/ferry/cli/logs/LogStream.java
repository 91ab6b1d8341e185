package dev.ferry.cli.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Reads the text answer of {@code GET /api/apps/{app}/logs} line by line as it arrives, which the JSON
 * {@link dev.ferry.cli.api.ApiClient} does not do. Empty lines (the API's keep-alives) are skipped.
 * Failures become one {@link CliFailure} sentence, as with the other commands.
 */
final class LogStream {

    private final String baseUrl;
    private final String token;

    private LogStream(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    static LogStream connect(CliEnvironment env) {
        ApiTarget target;
        try {
            target = ApiTarget.resolve(env);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage() + " (check FERRY_API_URL)");
        }
        String token = target.token().orElseThrow(() -> new CliFailure(
                "no API token for " + target.url() + ": set FERRY_API_TOKEN or run ferry login"));
        return new LogStream(target.url(), token);
    }

    /** Calls {@code each} for every line until the answer ends (never, when following, until interrupted). */
    void read(String path, boolean follow, Consumer<String> each) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/plain");
        if (!follow) {
            request.timeout(Duration.ofSeconds(30));
        }
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw failure(response.statusCode(), body.readAllBytes());
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isEmpty()) {
                        each.accept(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new CliFailure("cannot reach the Ferry API at " + baseUrl + " (" + e.getMessage()
                    + ") — is `ferry up` running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    private static CliFailure failure(int status, byte[] body) {
        if (status == 401) {
            return new CliFailure("the API refused the token (401): set FERRY_API_TOKEN or run ferry login");
        }
        try {
            JsonNode error = new ObjectMapper().readTree(body).path("error");
            if (error.isTextual() && !error.asText().isBlank()) {
                return new CliFailure(error.asText());
            }
        } catch (IOException e) {
            // not JSON
        }
        return new CliFailure("the API answered " + status);
    }
}
