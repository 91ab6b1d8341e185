package dev.ferry.server.tls;

import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.control.acme.AcmeIssuer;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.Store;
import java.time.Clock;
import java.util.Optional;

/**
 * Starts the ACME issuer when {@code --acme-email}, {@code --acme-directory} or {@code --acme-staging} turned it on,
 * in {@code ferry up} and in {@code ferry control}: it reads apps and domains from the store and writes challenges
 * and certificates back, where every router of the store (the one in this process at once, through the store's
 * change listeners) reads them.
 */
public final class AcmeWiring {

    private AcmeWiring() {
    }

    /** The running issuer, or empty when ACME is off; the caller closes it. */
    public static Optional<AcmeIssuer> start(Optional<AcmeConfig> config, Store store, String domain, AppLogs logs) {
        return config.map(c -> new AcmeIssuer(c, store, store.certificates(), store.acme(), new AppHostNames(domain),
                logs, Clock.systemUTC()).start());
    }
}
