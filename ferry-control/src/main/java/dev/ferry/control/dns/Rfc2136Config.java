package dev.ferry.control.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where {@link Rfc2136DnsProvider} sends its updates ({@code --acme-dns-provider rfc2136} with
 * {@code --acme-dns-server}, {@code --acme-dns-zone} and {@code --acme-dns-tsig-file} on {@code ferry up} and
 * {@code ferry control}).
 *
 * @param server        the zone's primary (authoritative) server, which takes the updates and is asked whether a
 *                      record is there
 * @param zone          the zone the challenge records go into, e.g. {@code example.com}, without the trailing dot
 * @param key           the TSIG key that signs every update
 * @param recordTtl     the TTL of the challenge records; default 60 s
 * @param timeout       how long one request to the server may take; default 10 s
 */
public record Rfc2136Config(InetSocketAddress server, String zone, TsigKey key, Duration recordTtl,
                            Duration timeout) {

    public static final Duration DEFAULT_RECORD_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** @throws IllegalArgumentException naming what is wrong */
    public Rfc2136Config {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(key, "key");
        zone = normalizeZone(zone);
        if (recordTtl == null || recordTtl.isNegative() || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the record TTL must be 0 or more and the timeout positive");
        }
    }

    /** The defaults for this server, zone and key. */
    public static Rfc2136Config of(InetSocketAddress server, String zone, TsigKey key) {
        return new Rfc2136Config(server, zone, key, DEFAULT_RECORD_TTL, DEFAULT_TIMEOUT);
    }

    /** {@code zone} in lower case without a trailing dot; refuses what is not a DNS name. */
    public static String normalizeZone(String zone) {
        Objects.requireNonNull(zone, "zone");
        String z = zone.strip().toLowerCase(Locale.ROOT);
        z = z.endsWith(".") ? z.substring(0, z.length() - 1) : z;
        if (!z.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")) {
            throw new IllegalArgumentException("'" + zone + "' is not a DNS zone such as example.com");
        }
        return z;
    }
}
