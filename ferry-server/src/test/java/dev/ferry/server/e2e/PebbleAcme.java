package dev.ferry.server.e2e;

import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.core.retry.Backoff;
import dev.ferry.testing.PebbleCa;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The ACME settings the end-to-end tests point Ferry at Pebble with: its directory, its listener's CA trusted, a
 * retry after 1 s doubling to 2 s, an account key at {@code account}, and Pebble's challenge DNS server as the
 * resolver Ferry checks names with.
 */
final class PebbleAcme {

    private PebbleAcme() {
    }

    /**
     * @param renewWhenRemaining the share of a certificate's lifetime left when it is renewed
     * @param ferry              the addresses a name must resolve to for Ferry to order it; empty: any
     */
    static AcmeConfig config(PebbleCa pebble, Path account, double renewWhenRemaining, List<InetAddress> ferry) {
        AcmeConfig acme = AcmeConfig.of(pebble.directory(), Optional.of("ops@example.com"),
                        Optional.of(pebble.listenerCa()), account)
                .withTiming(renewWhenRemaining, Duration.ofMillis(200), Backoff.doubling(Duration.ofSeconds(1),
                        Duration.ofSeconds(2)));
        String[] resolver = pebble.dns().address().split(":");
        return acme.withDns(acme.dns().with(Optional.of(new InetSocketAddress(resolver[0],
                Integer.parseInt(resolver[1]))), ferry));
    }

    /** As {@link #config(PebbleCa, Path, double, List)}, renewing at the default share, any address. */
    static AcmeConfig config(PebbleCa pebble, Path account) {
        return config(pebble, account, AcmeConfig.DEFAULT_RENEW_WHEN_REMAINING, List.of());
    }
}
