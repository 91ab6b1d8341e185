package dev.ferry.router.tls;

import dev.ferry.core.retry.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of OCSP stapling on the HTTPS listener ({@link OcspStapler}).
 *
 * @param enabled         whether certificates with an OCSP URL get their responder's answer stapled; default on
 * @param fetchTimeout    how long one request to a responder may take; default 10 s
 * @param retry           the waits between failed fetches of one certificate; default 1 min doubling to 1 h, with
 *                        jitter, so that an unreachable responder is asked a few times an hour, not on every handshake
 * @param withoutNextUpdate how long a response without {@code nextUpdate} is kept before it is fetched again (and
 *                        stapled at most); default 1 h
 */
public record OcspConfig(boolean enabled, Duration fetchTimeout, Backoff retry, Duration withoutNextUpdate) {

    /** Stapling on, with the defaults above. */
    public static final OcspConfig DEFAULT = new OcspConfig(true, Duration.ofSeconds(10),
            Backoff.doubling(Duration.ofMinutes(1), Duration.ofHours(1)).withJitter(0.5), Duration.ofHours(1));

    /** Stapling off: handshakes carry no OCSP response. */
    public static final OcspConfig OFF = new OcspConfig(false, DEFAULT.fetchTimeout, DEFAULT.retry,
            DEFAULT.withoutNextUpdate);

    public OcspConfig {
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(withoutNextUpdate, "withoutNextUpdate");
        if (fetchTimeout.isNegative() || fetchTimeout.isZero() || withoutNextUpdate.isNegative()
                || withoutNextUpdate.isZero()) {
            throw new IllegalArgumentException("OCSP durations must be positive");
        }
    }
}
