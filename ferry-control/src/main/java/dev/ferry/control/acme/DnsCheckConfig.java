package dev.ferry.control.acme;

import dev.ferry.core.retry.Backoff;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the ACME issuer checks, before it orders a certificate, that a name points at Ferry ({@link DnsCheck}):
 * {@code --dns-resolver HOST:PORT} and {@code --public-address ADDRESS} (repeated) on {@code ferry up} and
 * {@code ferry control}.
 *
 * @param resolver        the DNS server asked for a name's A and AAAA records; default: the system's resolver
 * @param publicAddresses the addresses clients reach Ferry's routers at; default (empty): the addresses the apps'
 *                        domain itself resolves to
 * @param recheck         the waits between checks of a name that does not point at Ferry yet; default 30 s doubling
 *                        up to 30 min, jitter 0.2
 */
public record DnsCheckConfig(Optional<InetSocketAddress> resolver, List<InetAddress> publicAddresses, Backoff recheck) {

    /** The system's resolver, the apps' domain's addresses, 30 s doubling up to 30 min. */
    public static final DnsCheckConfig DEFAULT = new DnsCheckConfig(Optional.empty(), List.of(),
            Backoff.doubling(Duration.ofSeconds(30), Duration.ofMinutes(30)).withJitter(0.2));

    public DnsCheckConfig {
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(recheck, "recheck");
        publicAddresses = List.copyOf(publicAddresses);
    }

    /** This configuration with another resolver and public addresses. */
    public DnsCheckConfig with(Optional<InetSocketAddress> server, List<InetAddress> addresses) {
        return new DnsCheckConfig(server, addresses, recheck);
    }

    /** This configuration with other waits between checks. */
    public DnsCheckConfig withRecheck(Backoff backoff) {
        return new DnsCheckConfig(resolver, publicAddresses, backoff);
    }
}
