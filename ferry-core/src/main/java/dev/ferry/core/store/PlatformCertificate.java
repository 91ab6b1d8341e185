package dev.ferry.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One of the platform's own certificates as admins see it ({@code GET /api/certs/platform}, {@code ferry certs
 * --platform}): the wildcard {@code *.<domain>} that the ACME issuer keeps in the store for every router, owned by no
 * app. It has a name before it has a certificate (an order that never succeeded yet), and its last failure stays
 * beside a certificate that keeps serving.
 *
 * @param name          the certificate's name, {@code *.<domain>}
 * @param certificate   the certificate in place, without its key; empty until the first order succeeds
 * @param failures      failed orders in a row since the last success (0 after one)
 * @param lastFailure   the reason of the last failure since the last success
 * @param lastFailureAt when it failed
 */
public record PlatformCertificate(String name, Optional<Certificate> certificate, int failures,
                                  Optional<String> lastFailure, Optional<Instant> lastFailureAt) {

    /** What {@link #status} says of it. */
    public enum Status {
        /** Valid now, last order fine. */
        SERVING,
        /** Valid now, but the last order failed (the certificate keeps serving). */
        FAILING,
        /** None yet, or expired. */
        MISSING;

        /** {@code serving}, {@code failing} or {@code missing}, as the API shows it. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public PlatformCertificate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
    }

    /** Its status at {@code now}. */
    public Status status(Instant now) {
        boolean valid = certificate.filter(c -> now.isBefore(c.notAfter())).isPresent();
        if (!valid) {
            return Status.MISSING;
        }
        return failures > 0 ? Status.FAILING : Status.SERVING;
    }
}
