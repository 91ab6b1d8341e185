package dev.ferry.tunnel.agent;

import dev.ferry.core.store.AppName;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Where an agent learns its gateways: the control API's {@code GET /api/apps/{app}/tunnel}, asked with the
 * user's token (the CLI implements this over its API client). Asked again before every connection attempt,
 * so gateways that moved, restarted with a new certificate or were added are found without a restart.
 */
@FunctionalInterface
public interface GatewayDirectory {

    /**
     * @throws TunnelRefusedException when the API refuses the token or the app (trying again cannot help)
     * @throws IOException            when the API cannot be reached (the agent retries with backoff)
     */
    Directory fetch(AppName app) throws IOException, TunnelRefusedException;

    /** The gateways of a platform and the preview name of the app. */
    record Directory(List<GatewayAddress> gateways, String previewHost) {
        public Directory {
            gateways = List.copyOf(gateways);
            Objects.requireNonNull(previewHost, "previewHost");
        }
    }

    /** One gateway: where to dial and the certificate fingerprint to pin ({@code sha256:<hex>}). */
    record GatewayAddress(String host, int port, String fingerprint) {
        public GatewayAddress {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(fingerprint, "fingerprint");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("gateway port " + port + " is outside 1-65535");
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
