package dev.ferry.server.tls;

import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.control.acme.WildcardCertificateFile;
import dev.ferry.control.acme.WildcardIssuer;
import dev.ferry.control.dns.Rfc2136DnsProvider;
import dev.ferry.core.store.Store;
import dev.ferry.server.config.FerryConfig;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the issuer of the wildcard certificate {@code *.<domain>} when ACME is on and a DNS provider is named
 * ({@code --acme-dns-provider rfc2136} and its {@code --acme-dns-*} flags), and has this process's router serve the
 * certificate from {@code <data-dir>/acme/wildcard/<domain>.pem} for every name under the apps' domain that has no
 * certificate of its own.
 */
final class WildcardWiring {

    private static final Logger log = LoggerFactory.getLogger(WildcardWiring.class);

    private WildcardWiring() {
    }

    /** The running issuer, or empty when no DNS provider is configured; the caller closes it. */
    static Optional<WildcardIssuer> start(FerryConfig config, AcmeConfig acme, Store store, StoreTlsSource tls,
                                          boolean withRouter) {
        return config.acmeDns().map(dns -> {
            if (!withRouter) {
                log.warn("ACME wildcard: no router runs in this process; the wildcard is kept in this node's data dir"
                        + " and served only by a router of the same process (ferry up)");
            }
            WildcardCertificateFile file = new WildcardCertificateFile(acme.accountKeyFile().toAbsolutePath()
                    .getParent(), config.domain(), Clock.systemUTC());
            tls.servePlatform(() -> file.read().stream().toList());
            return new WildcardIssuer(acme, config.domain(), new Rfc2136DnsProvider(dns), file, store.acme(),
                    Clock.systemUTC()).start();
        });
    }
}
