package dev.ferry.server.e2e;

import dev.ferry.server.config.FerryConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The configurations of a fleet's separate roles in the e2e tests: a control node or a router node sharing a fleet's
 * store and registry (as {@code ferry control --store … --registry …} and {@code ferry router --registry …} resolve
 * them), on ephemeral ports, each in its own data directory, and a fleet's random secret key.
 */
final class FleetNodeConfigs {

    private FleetNodeConfigs() {
    }

    /** A control node of {@code shared}'s store and registry, with no HTTP port of its own, data in {@code dataDir}. */
    static FerryConfig controlConfig(FerryConfig shared, Path dataDir) {
        return FerryConfig.ephemeral(dataDir).toBuilder().httpPort(FerryConfig.OFF)
                .store(shared.store()).registry(shared.registry()).build();
    }

    /** A router node of {@code shared}'s registry, on an ephemeral port, data in {@code dataDir}. */
    static FerryConfig routerConfig(FerryConfig shared, Path dataDir) {
        return FerryConfig.ephemeral(dataDir).toBuilder().registry(shared.registry()).build();
    }

    /** A new random {@code FERRY_SECRET_KEY}, base64 of 32 bytes, for the nodes of one fleet to share. */
    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
