package dev.ferry.core.api;

import java.util.List;

/**
 * One of the platform's own certificates, never its key: in {@code GET /api/certs/platform} (admins only) and
 * {@code ferry certs --platform}. Today the one such certificate is the wildcard {@code *.<domain>} ordered over
 * DNS-01, owned by no app and served by every router of the store.
 *
 * @param name          {@code *.<domain>}
 * @param hostnames     the names it covers; empty while there is no certificate yet
 * @param issuer        the issuer's distinguished name; null while there is none
 * @param notBefore     ISO-8601 UTC; null while there is none
 * @param expiresAt     ISO-8601 UTC (the certificate's notAfter); null while there is none
 * @param fingerprint   SHA-256 of the certificate; null while there is none
 * @param status        {@code serving}, {@code failing} (the last order failed; the certificate keeps serving) or
 *                      {@code missing} (none yet, or expired)
 * @param failures      failed orders in a row since the last success
 * @param lastFailure   the last failure's reason since the last success; null when none
 * @param lastFailureAt ISO-8601 UTC; null when none
 */
public record PlatformCertificateInfo(String name, List<String> hostnames, String issuer, String notBefore,
                                      String expiresAt, String fingerprint, String status, int failures,
                                      String lastFailure, String lastFailureAt) {

    public PlatformCertificateInfo {
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    }
}
