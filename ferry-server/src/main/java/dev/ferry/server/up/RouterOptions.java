package dev.ferry.server.up;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags of the router role, shared by {@code ferry up} and {@code ferry router} as a picocli mixin;
 * {@link dev.ferry.server.config.FerryConfigResolver} reads each with its environment variable.
 */
public final class RouterOptions {

    @Option(names = "--http-port", paramLabel = "PORT", description = "App traffic through the router (env FERRY_HTTP_PORT; default 8080; 0 = off).")
    Integer httpPort;

    @Option(names = "--https-port", paramLabel = "PORT", description = "HTTPS app traffic, certificates by SNI from the store (`ferry router`: as control nodes publish them in the registry, which needs --secret-key-file or FERRY_SECRET_KEY); 0 turns it off (env FERRY_HTTPS_PORT; default 8443).")
    Integer httpsPort;

    @Option(names = "--max-connections", paramLabel = "N", description = "Client connections the router holds open at once; more get 503 (env FERRY_MAX_CONNECTIONS; default 20000).")
    Integer maxConnections;

    @Option(names = "--max-connections-per-client", paramLabel = "N", description = "Client connections from one address; more get 503 (env FERRY_MAX_CONNECTIONS_PER_CLIENT; default 1000).")
    Integer maxConnectionsPerClient;

    @Option(names = "--trusted-proxies", paramLabel = "ADDR,...", description = "Load balancers in front of the router, as addresses or CIDR blocks: their X-Forwarded-For and Forwarded are kept and they have no per-client connection cap (env FERRY_TRUSTED_PROXIES; default none).")
    String trustedProxies;

    @Option(names = "--ocsp-stapling", paramLabel = "on|off", description = "Staple the OCSP responder's answer to HTTPS handshakes for certificates that name one; off asks no responder and staples nothing (env FERRY_OCSP_STAPLING; default on).")
    String ocspStapling;
}
