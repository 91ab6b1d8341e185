package dev.ferry.core.api;

import java.util.List;

/**
 * {@code GET /api/apps/{app}/tunnel}: what a tunnel agent ({@code ferry tunnel}) needs to publish an app: the
 * host its tunnel is previewed on, the app's host names, and the tunnel gateways that are up.
 *
 * @param app         the app
 * @param previewHost {@code <app>--dev.<domain>}
 * @param appHosts    the app's default host and custom domains
 * @param gateways    the gateways to dial: {@code host}, {@code port} and the {@code fingerprint} to pin
 */
public record TunnelInfo(String app, String previewHost, List<String> appHosts, List<GatewayRegistration> gateways) {

    public TunnelInfo {
        appHosts = appHosts == null ? List.of() : List.copyOf(appHosts);
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
    }
}
