package dev.ferry.cli.tunnel;

import dev.ferry.api.client.ApiRefused;
import dev.ferry.api.client.AppCalls;
import dev.ferry.api.client.ControlApiClient;
import dev.ferry.core.api.GatewayRegistration;
import dev.ferry.core.api.TunnelInfo;
import dev.ferry.core.store.AppName;
import dev.ferry.tunnel.agent.GatewayDirectory;
import dev.ferry.tunnel.agent.TunnelRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The agent's {@link GatewayDirectory} over {@code GET /api/apps/{app}/tunnel} ({@link TunnelInfo}, through the
 * shared client of the API), with the user's token: 401,
 * 403 and 404 are refusals (the agent stops with the API's sentence); anything else that fails is a network
 * problem (the agent retries). A gateway that calls itself {@code localhost} is dialled at the API's host
 * instead when the API is elsewhere, since that is where the platform runs.
 */
final class ApiGatewayDirectory implements GatewayDirectory {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String baseUrl;
    private final AppCalls api;

    ApiGatewayDirectory(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.api = new AppCalls(new ControlApiClient(baseUrl, token, TIMEOUT));
    }

    @Override
    public Directory fetch(AppName app) throws IOException, TunnelRefusedException {
        TunnelInfo info;
        try {
            info = api.tunnel(app.value());
        } catch (ApiRefused e) {
            if (e.status() == 401 || e.status() == 403 || e.status() == 404) {
                throw new TunnelRefusedException(e.getMessage());
            }
            throw new IOException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        } catch (IllegalStateException e) {
            throw new IOException("the API answered something other than the tunnel's description", e);
        }
        String apiHost = URI.create(baseUrl).getHost();
        List<GatewayAddress> gateways = new ArrayList<>();
        for (GatewayRegistration g : info.gateways()) {
            String host = g.host();
            if (LOOPBACK.contains(host.toLowerCase(Locale.ROOT)) && apiHost != null
                    && !LOOPBACK.contains(apiHost.toLowerCase(Locale.ROOT))) {
                host = apiHost;
            }
            gateways.add(new GatewayAddress(host, g.port(), g.fingerprint()));
        }
        return new Directory(gateways, info.previewHost());
    }
}
