package dev.ferry.runtime.logs.drain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The limits of every drain's sender.
 *
 * @param queueLines     lines waiting per drain; when full the oldest is dropped and counted (10,000)
 * @param batchLines     lines per syslog write or HTTPS post at most (100)
 * @param batchLinger    how long an HTTPS drain waits for a batch to fill before posting it (1 s)
 * @param backoffMin     the first wait after a failed send before reconnecting (250 ms), doubled per failure
 * @param backoffMax     the longest wait between attempts (30 s)
 * @param connectTimeout for TCP, TLS and HTTPS connections (5 s); an HTTPS post must also answer within 2× this
 * @param tls            the trust for {@code syslog+tls} and {@code https} drains; empty for the JVM's default
 *                       trust store (tests pass one trusting a self-signed certificate)
 * @param resyncInterval how often every app's drains are read again from the store (60 s), which also stops
 *                       those of destroyed apps
 */
public record DrainConfig(int queueLines, int batchLines, Duration batchLinger, Duration backoffMin, Duration backoffMax,
                          Duration connectTimeout, Optional<SSLContext> tls, Duration resyncInterval) {

    public static final DrainConfig DEFAULT = new DrainConfig(10_000, 100, Duration.ofSeconds(1),
            Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(5), Optional.empty(), Duration.ofSeconds(60));

    public DrainConfig {
        if (queueLines < 1 || batchLines < 1) {
            throw new IllegalArgumentException("queueLines and batchLines must be positive");
        }
        Objects.requireNonNull(batchLinger, "batchLinger");
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(tls, "tls");
        if (resyncInterval.isNegative() || resyncInterval.isZero()) {
            throw new IllegalArgumentException("resyncInterval must be positive");
        }
        if (backoffMin.isNegative() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoffMin must be >= 0 and backoffMax >= backoffMin");
        }
    }

    /** This config trusting what {@code context} trusts. */
    public DrainConfig withTls(SSLContext context) {
        return new DrainConfig(queueLines, batchLines, batchLinger, backoffMin, backoffMax, connectTimeout,
                Optional.of(context), resyncInterval);
    }

    /** This config with other waits between attempts. */
    public DrainConfig withBackoff(Duration min, Duration max) {
        return new DrainConfig(queueLines, batchLines, batchLinger, min, max, connectTimeout, tls, resyncInterval);
    }

    /** This config with another queue bound. */
    public DrainConfig withQueueLines(int lines) {
        return new DrainConfig(lines, batchLines, batchLinger, backoffMin, backoffMax, connectTimeout, tls, resyncInterval);
    }

    /** This config with another batch size and linger. */
    public DrainConfig withBatch(int lines, Duration linger) {
        return new DrainConfig(queueLines, lines, linger, backoffMin, backoffMax, connectTimeout, tls, resyncInterval);
    }

    /** This config reading the store again every {@code interval}. */
    public DrainConfig withResync(Duration interval) {
        return new DrainConfig(queueLines, batchLines, batchLinger, backoffMin, backoffMax, connectTimeout, tls, interval);
    }

    SSLContext sslContext() {
        try {
            return tls.isPresent() ? tls.get() : SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }
}
