package dev.ferry.cli.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.core.store.AppName;
import dev.ferry.tunnel.agent.GatewayDirectory;
import dev.ferry.tunnel.agent.TunnelRefusedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The agent's {@link GatewayDirectory} over {@code GET /api/apps/{app}/tunnel}, with the user's token: 401,
 * 403 and 404 are refusals (the agent stops with the API's sentence); anything else that fails is a network
 * problem (the agent retries). A gateway that calls itself {@code localhost} is dialled at the API's host
 * instead when the API is elsewhere, since that is where the platform runs.
 */
final class ApiGatewayDirectory implements GatewayDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiGatewayDirectory(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    @Override
    public Directory fetch(AppName app) throws IOException, TunnelRefusedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + ApiCommand.appPath(app.value(), "/tunnel")))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status == 401 || status == 403 || status == 404) {
            String sentence = body.path("error").asText("");
            throw new TunnelRefusedException(sentence.isBlank() ? "the API answered " + status : sentence);
        }
        if (status != 200) {
            throw new IOException("the API answered " + status);
        }
        String apiHost = URI.create(baseUrl).getHost();
        List<GatewayAddress> gateways = new ArrayList<>();
        for (JsonNode g : body.path("gateways")) {
            String host = g.path("host").asText();
            if (LOOPBACK.contains(host.toLowerCase(Locale.ROOT)) && apiHost != null
                    && !LOOPBACK.contains(apiHost.toLowerCase(Locale.ROOT))) {
                host = apiHost;
            }
            gateways.add(new GatewayAddress(host, g.path("port").asInt(), g.path("fingerprint").asText()));
        }
        return new Directory(gateways, body.path("previewHost").asText());
    }

    private static JsonNode parse(String body) throws IOException {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("the API answered something other than JSON");
        }
    }
}
