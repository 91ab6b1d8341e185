package dev.ferry.control.acme;

import dev.ferry.core.retry.Backoff;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The ACME issuer's configuration ({@code --acme-directory}, {@code --acme-email}, {@code --acme-trust-ca} on
 * {@code ferry up} and {@code ferry control}). ACME is off unless a directory or an e-mail is given; given only an
 * e-mail, the directory is Let's Encrypt's production one.
 *
 * @param directory          the CA's ACME directory URL; default {@link #LETS_ENCRYPT}
 * @param email              the account's contact, which the CA may write to about expiring certificates; none by default
 * @param trustedCa          a PEM file of the CA certificates the directory's HTTPS is checked against (a private CA
 *                           such as Pebble); default: the JDK's trust store
 * @param accountKeyFile     the ACME account's key pair in PEM, made at the first use (mode 0600)
 * @param renewWhenRemaining a certificate is renewed when less than this part of its lifetime remains; default 1/3
 * @param checkInterval      how often the issuer looks for new app hosts and custom domains; default 5 s
 * @param sweepInterval      the longest time between two looks at every certificate; default 1 h
 * @param retry              the waits after failed orders for a host; default 1 min doubling up to 6 h, jitter 0.2
 * @param orderTimeout       the longest one challenge or one order may take to complete; default 2 min
 * @param challengeDelay     how long a challenge is in the store before the CA is told to check it, so that routers
 *                           that learn of it only by reloading (other nodes of a shared store) have it; default 0
 * @param dns                how a name is checked to point at Ferry before it is ordered; default
 *                           {@link DnsCheckConfig#DEFAULT}
 * @param challenge          how the CA checks that Ferry answers for a name; default {@link AcmeChallenge#HTTP_01}
 */
public record AcmeConfig(URI directory, Optional<String> email, Optional<Path> trustedCa, Path accountKeyFile,
                         double renewWhenRemaining, Duration checkInterval, Duration sweepInterval, Backoff retry,
                         Duration orderTimeout, Duration challengeDelay, DnsCheckConfig dns,
                         AcmeChallenge challenge) {

    /** Let's Encrypt's production directory, the default. */
    public static final URI LETS_ENCRYPT = URI.create("https://acme-v02.api.letsencrypt.org/directory");
    /** Let's Encrypt's staging directory ({@code --acme-staging}): untrusted certificates, generous rate limits. */
    public static final URI LETS_ENCRYPT_STAGING = URI.create("https://acme-staging-v02.api.letsencrypt.org/directory");
    public static final double DEFAULT_RENEW_WHEN_REMAINING = 1.0 / 3;
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofHours(1);
    public static final Backoff DEFAULT_RETRY = Backoff.doubling(Duration.ofMinutes(1), Duration.ofHours(6))
            .withJitter(0.2);
    public static final Duration DEFAULT_ORDER_TIMEOUT = Duration.ofMinutes(2);

    public AcmeConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(trustedCa, "trustedCa");
        Objects.requireNonNull(accountKeyFile, "accountKeyFile");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(challenge, "challenge");
        if (!"https".equals(directory.getScheme()) && !"http".equals(directory.getScheme())) {
            throw new IllegalArgumentException("an ACME directory is an https:// URL, not " + directory);
        }
        if (!(renewWhenRemaining > 0 && renewWhenRemaining <= 1)) {
            throw new IllegalArgumentException("the part of a lifetime left at renewal must be in (0, 1], not "
                    + renewWhenRemaining);
        }
        requirePositive(checkInterval, "checkInterval");
        requirePositive(sweepInterval, "sweepInterval");
        requirePositive(orderTimeout, "orderTimeout");
        if (challengeDelay == null || challengeDelay.isNegative()) {
            throw new IllegalArgumentException("challengeDelay must be 0 or more, not " + challengeDelay);
        }
    }

    /** The defaults for {@code directory}, the account key in {@code accountKeyFile}. */
    public static AcmeConfig of(URI directory, Optional<String> email, Optional<Path> trustedCa, Path accountKeyFile) {
        return new AcmeConfig(directory, email, trustedCa, accountKeyFile, DEFAULT_RENEW_WHEN_REMAINING,
                DEFAULT_CHECK_INTERVAL, DEFAULT_SWEEP_INTERVAL, DEFAULT_RETRY, DEFAULT_ORDER_TIMEOUT, Duration.ZERO,
                DnsCheckConfig.DEFAULT, AcmeChallenge.HTTP_01);
    }

    /**
     * {@code file} once read as a PEM file of CA certificates ({@code --acme-trust-ca}).
     *
     * @throws IllegalArgumentException saying why it cannot be used (unreadable, no certificate, not PEM)
     */
    public static Path trustedCa(Path file) {
        TrustedCaProvider.read(file);
        return file;
    }

    /** This configuration with another renewal threshold, check interval and retry backoff (tests, tuning). */
    public AcmeConfig withTiming(double renewPart, Duration check, Backoff retryBackoff) {
        return new AcmeConfig(directory, email, trustedCa, accountKeyFile, renewPart, check, sweepInterval,
                retryBackoff, orderTimeout, challengeDelay, dns, challenge);
    }

    /** This configuration with another {@link #challengeDelay()}. */
    public AcmeConfig withChallengeDelay(Duration delay) {
        return new AcmeConfig(directory, email, trustedCa, accountKeyFile, renewWhenRemaining, checkInterval,
                sweepInterval, retry, orderTimeout, delay, dns, challenge);
    }

    /** This configuration with another {@link #dns()} check. */
    public AcmeConfig withDns(DnsCheckConfig check) {
        return new AcmeConfig(directory, email, trustedCa, accountKeyFile, renewWhenRemaining, checkInterval,
                sweepInterval, retry, orderTimeout, challengeDelay, check, challenge);
    }

    /** This configuration with another {@link #challenge()}. */
    public AcmeConfig withChallenge(AcmeChallenge kind) {
        return new AcmeConfig(directory, email, trustedCa, accountKeyFile, renewWhenRemaining, checkInterval,
                sweepInterval, retry, orderTimeout, challengeDelay, dns, kind);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
