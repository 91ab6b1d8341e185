package dev.ferry.store.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link RedisRouteRegistry} keeps the route table in Redis.
 *
 * @param uri                the server, {@code redis://host:port[/db]} (a password as {@code redis://:secret@host:port})
 * @param keyPrefix          the prefix of every key Ferry writes; default {@code ferry:}
 * @param changeStreamLength about how many changes the change stream keeps for subscribers that catch up;
 *                           default 10,000 (a subscriber further behind reloads the whole table)
 * @param sweepInterval      how often each registry looks for endpoints whose TTL ran out; default 1 s
 * @param pollInterval       how often a registry checks the change counter, in case a notification was lost;
 *                           default 1 s
 * @param commandTimeout     how long one Redis command may take before it fails; default 2 s
 * @param miniPaasChannel    the Mini-PaaS channel whose {@code reload} message re-reads its route keys; default
 *                           {@code minipaas-updates}
 * @param miniPaasKeyPrefix  the prefix of Mini-PaaS route keys holding a plain target URL; default {@code route:}
 */
public record RedisRegistryConfig(String uri, String keyPrefix, int changeStreamLength, Duration sweepInterval,
                                  Duration pollInterval, Duration commandTimeout, String miniPaasChannel,
                                  String miniPaasKeyPrefix) {

    public RedisRegistryConfig {
        Objects.requireNonNull(uri, "uri");
        try {
            URI parsed = new URI(uri);
            if (!"redis".equals(parsed.getScheme()) || parsed.getHost() == null) {
                throw new IllegalArgumentException("registry '" + uri + "' must look like redis://HOST:PORT");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("registry '" + uri + "' is not a valid redis://HOST:PORT address");
        }
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(miniPaasChannel, "miniPaasChannel");
        Objects.requireNonNull(miniPaasKeyPrefix, "miniPaasKeyPrefix");
        if (keyPrefix.isEmpty() || keyPrefix.equals(miniPaasKeyPrefix)) {
            throw new IllegalArgumentException("key prefix '" + keyPrefix + "' must be non-empty and differ from the Mini-PaaS one");
        }
        if (changeStreamLength < 100) {
            throw new IllegalArgumentException("change stream length " + changeStreamLength + " must be at least 100");
        }
        positive(sweepInterval, "sweep interval");
        positive(pollInterval, "poll interval");
        positive(commandTimeout, "command timeout");
    }

    /** The defaults for a server at {@code uri}. */
    public static RedisRegistryConfig of(String uri) {
        return new RedisRegistryConfig(uri, "ferry:", 10_000, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(2), "minipaas-updates", "route:");
    }

    public RedisRegistryConfig withKeyPrefix(String prefix) {
        return new RedisRegistryConfig(uri, prefix, changeStreamLength, sweepInterval, pollInterval, commandTimeout,
                miniPaasChannel, miniPaasKeyPrefix);
    }

    public RedisRegistryConfig withChangeStreamLength(int length) {
        return new RedisRegistryConfig(uri, keyPrefix, length, sweepInterval, pollInterval, commandTimeout,
                miniPaasChannel, miniPaasKeyPrefix);
    }

    public RedisRegistryConfig withSweepInterval(Duration interval) {
        return new RedisRegistryConfig(uri, keyPrefix, changeStreamLength, interval, pollInterval, commandTimeout,
                miniPaasChannel, miniPaasKeyPrefix);
    }

    public RedisRegistryConfig withPollInterval(Duration interval) {
        return new RedisRegistryConfig(uri, keyPrefix, changeStreamLength, sweepInterval, interval, commandTimeout,
                miniPaasChannel, miniPaasKeyPrefix);
    }

    /**
     * How long no registry may have swept before Redis is taken to have been unreachable, and TTL deadlines
     * are moved forward instead of expiring: three sweeps, at least 2 s.
     */
    public Duration outageGap() {
        Duration three = sweepInterval.multipliedBy(3);
        return three.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : three;
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.toMillis() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 ms");
        }
    }
}
