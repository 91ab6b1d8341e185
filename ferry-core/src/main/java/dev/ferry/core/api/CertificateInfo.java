package dev.ferry.core.api;

import java.util.List;

/**
 * A TLS certificate of an app, never its key: in {@code GET /api/apps/{app}/certs} and as the answer of adding one.
 *
 * @param name        the certificate's name in the app (default: its first host name)
 * @param app         the app it serves
 * @param hostnames   the names it covers (subject alternative names, wildcards as written)
 * @param subject     the subject's distinguished name
 * @param issuer      the issuer's distinguished name
 * @param notBefore   ISO-8601 UTC
 * @param expiresAt   ISO-8601 UTC (the certificate's notAfter)
 * @param fingerprint SHA-256 of the server's certificate
 * @param addedAt     ISO-8601 UTC
 * @param source      {@code user} ({@code certs:add}) or {@code acme} (issued and renewed by Ferry)
 * @param status      for an ACME certificate, its host's ACME state ({@code valid}, or {@code failing: <why>} while
 *                    it keeps serving); null for a user's
 */
public record CertificateInfo(String name, String app, List<String> hostnames, String subject, String issuer,
                              String notBefore, String expiresAt, String fingerprint, String addedAt, String source,
                              String status) {

    public CertificateInfo {
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    }
}
