package dev.ferry.server.tls;

import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.control.acme.WildcardCertificateFile;
import dev.ferry.control.acme.WildcardIssuer;
import dev.ferry.control.dns.Rfc2136DnsProvider;
import dev.ferry.core.store.Store;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.fleet.FleetWiring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Starts the issuer of the wildcard certificate {@code *.<domain>} when ACME is on and a DNS provider is named
 * ({@code --acme-dns-provider rfc2136} and its {@code --acme-dns-*} flags). The certificate lives in the store, where
 * every router of the store reads it ({@link StoreTlsSource}); on a shared PostgreSQL store one control node orders
 * it, the holder of the fleet's lease {@value WildcardIssuer#LEASE}. A wildcard an older Ferry kept in
 * {@code <data-dir>/acme/wildcard/<domain>.pem} is moved into the store first, and the file removed.
 */
final class WildcardWiring {

    private WildcardWiring() {
    }

    /** The running issuer, or empty when no DNS provider is configured; the caller closes it. */
    static Optional<WildcardIssuer> start(FerryConfig config, AcmeConfig acme, Store store, FleetWiring fleet) {
        return config.acmeDns().map(dns -> {
            WildcardCertificateFile file = new WildcardCertificateFile(acme.accountKeyFile().toAbsolutePath()
                    .getParent(), config.domain(), Clock.systemUTC());
            try {
                file.moveInto(store.acme());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the wildcard certificate file " + file.path()
                        + " after moving it into the store", e);
            }
            return new WildcardIssuer(acme, config.domain(), new Rfc2136DnsProvider(dns), store.acme(), fleet.leases(),
                    fleet.node(), Clock.systemUTC()).start();
        });
    }
}
