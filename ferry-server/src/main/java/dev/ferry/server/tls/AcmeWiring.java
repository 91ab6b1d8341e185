package dev.ferry.server.tls;

import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.control.acme.AcmeIssuer;
import dev.ferry.control.acme.WildcardIssuer;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.Store;
import dev.ferry.router.tls.TlsConfig;
import dev.ferry.server.config.FerryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the ACME issuer when {@code --acme-email}, {@code --acme-directory} or {@code --acme-staging} turned it on,
 * in {@code ferry up} and in {@code ferry control}: it reads apps and domains from the store and writes challenges
 * and certificates back, where every router of the store reads them (the one in this process at once, through the
 * store's change listeners). On a shared PostgreSQL store the routers of other nodes learn of a challenge only at
 * their periodic reload, so the issuer waits that long before the CA checks it. With a DNS provider
 * ({@link WildcardWiring}), the wildcard's issuer starts too and the per-host issuer leaves the hosts it covers alone.
 */
public final class AcmeWiring {

    private static final Logger log = LoggerFactory.getLogger(AcmeWiring.class);
    /** How often every router reads certificates and challenges again ({@link TlsConfig#of}'s refresh interval). */
    private static final Duration ROUTERS_RELOAD = Duration.ofSeconds(30);

    private AcmeWiring() {
    }

    /**
     * The running issuers (none when ACME is off); the caller closes them.
     *
     * @param withRouter whether a router runs in this process ({@code ferry up}) or not ({@code ferry control})
     * @param tls        the router's certificate source, which serves the wildcard when there is one
     */
    public static List<AutoCloseable> start(FerryConfig config, Store store, AppLogs logs, boolean withRouter,
                                            StoreTlsSource tls) {
        List<AutoCloseable> started = new ArrayList<>();
        config.acme().ifPresent(c -> {
            AcmeConfig acme = forStore(c, config);
            if (!withRouter) {
                log.warn("ACME: no router runs in this process; the CA's HTTP-01 checks are answered only by the"
                        + " routers of ferry up nodes on the same store, not by separate ferry router processes");
            }
            Optional<WildcardIssuer> wildcard = WildcardWiring.start(config, c, store, tls, withRouter);
            wildcard.ifPresent(started::add);
            started.add(new AcmeIssuer(acme, store, store.certificates(), store.acme(),
                    new AppHostNames(config.domain()), logs, Clock.systemUTC(),
                    host -> wildcard.isPresent() && wildcard.get().covers(host)).start());
        });
        return started;
    }

    /** {@code acme} as the store of {@code config} needs it: on a shared store, challenges wait for every router. */
    static AcmeConfig forStore(AcmeConfig acme, FerryConfig config) {
        return config.store().postgres().isPresent()
                ? acme.withChallengeDelay(ROUTERS_RELOAD.plus(Duration.ofSeconds(1))) : acme;
    }
}
