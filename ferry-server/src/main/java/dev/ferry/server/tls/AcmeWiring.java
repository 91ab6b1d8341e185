package dev.ferry.server.tls;

import dev.ferry.control.acme.AcmeChallenge;
import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.control.acme.AcmeIssuer;
import dev.ferry.control.acme.WildcardIssuer;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.route.AcmeChallengeRelay;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.Store;
import dev.ferry.router.tls.TlsConfig;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.fleet.FleetWiring;
import dev.ferry.store.route.RedisAcmeChallenges;
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
 * store's change listeners). On a shared Redis registry ({@code --registry}) the HTTP-01 challenges go there too
 * ({@link RedisAcmeChallenges}), for the separate {@code ferry router} processes, which have no store. On a shared
 * PostgreSQL store the routers of other nodes learn of a challenge only at their periodic reload, so the issuer waits
 * that long before the CA checks it. With a DNS provider ({@link WildcardWiring}), the wildcard's issuer starts too
 * and the per-host issuer leaves the hosts it covers alone.
 */
public final class AcmeWiring {

    private static final Logger log = LoggerFactory.getLogger(AcmeWiring.class);
    /** How often every router reads certificates and challenges again ({@link TlsConfig#of}'s refresh interval). */
    private static final Duration ROUTERS_RELOAD = Duration.ofSeconds(30);
    /**
     * How long a TLS-ALPN-01 challenge waits, on a shared registry, for the separate routers to have it: it reaches
     * them through {@link RegistryTlsPublisher}, on a thread of its own, then one message and one read (milliseconds).
     */
    private static final Duration PUBLISHED = Duration.ofSeconds(1);

    private AcmeWiring() {
    }

    /**
     * The running issuers (with the per-host issuer's relay to the registry, when there is one; none when ACME is
     * off); the caller closes them.
     *
     * @param withRouter whether a router runs in this process ({@code ferry up}) or not ({@code ferry control})
     * @param fleet      the fleet's side of the store: its leases name the one node that orders the wildcard
     */
    public static List<AutoCloseable> start(FerryConfig config, Store store, AppLogs logs, boolean withRouter,
                                            FleetWiring fleet) {
        List<AutoCloseable> started = new ArrayList<>();
        config.acme().ifPresent(c -> {
            AcmeConfig acme = forStore(c, config);
            Optional<AcmeChallengeRelay> relay = config.registry().map(RedisAcmeChallenges::new);
            if (!withRouter && relay.isEmpty()) {
                log.warn("ACME: no router runs in this process and there is no shared registry; the CA's checks are"
                        + " answered only by the routers of ferry up nodes on the same store");
            }
            if (!withRouter && relay.isEmpty() && acme.challenge() == AcmeChallenge.TLS_ALPN_01) {
                log.warn("ACME: TLS-ALPN-01 is answered by routers that read the store (ferry up), or by separate"
                        + " ferry router processes given the secret key on a shared registry; there is none here");
            }
            Optional<WildcardIssuer> wildcard = WildcardWiring.start(config, c, store, fleet);
            wildcard.ifPresent(started::add);
            AcmeStore acmeStore = relay.<AcmeStore>map(r -> new RelayedAcmeStore(store.acme(), r)).orElse(store.acme());
            AcmeIssuer issuer = new AcmeIssuer(acme, store, store.certificates(), acmeStore,
                    new AppHostNames(config.domain()), logs, Clock.systemUTC(),
                    host -> wildcard.isPresent() && wildcard.get().covers(host)).start();
            started.add(() -> {
                issuer.close();
                relay.ifPresent(AcmeChallengeRelay::close);
            });
        });
        return started;
    }

    /**
     * {@code acme} as the store of {@code config} needs it: on a shared store, challenges wait for every router that
     * reloads (on a shared registry too, whose routers are told at once, the ones of other {@code ferry up} nodes
     * still learn of a challenge by reloading the store); on a shared registry, a TLS-ALPN-01 challenge waits
     * {@link #PUBLISHED} for the separate routers, which read it from the published serving set.
     */
    static AcmeConfig forStore(AcmeConfig acme, FerryConfig config) {
        if (config.store().postgres().isPresent()) {
            return acme.withChallengeDelay(ROUTERS_RELOAD.plus(Duration.ofSeconds(1)));
        }
        return config.registry().isPresent() && acme.challenge() == AcmeChallenge.TLS_ALPN_01
                ? acme.withChallengeDelay(PUBLISHED) : acme;
    }
}
