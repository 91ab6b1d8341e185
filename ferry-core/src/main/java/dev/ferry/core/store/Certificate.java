package dev.ferry.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A TLS certificate Ferry holds for an app ({@code certs:add}, later ACME), as the store keeps it: the chain
 * in PEM (leaf first) and what was read from the leaf. The private key is never part of it; only
 * {@link ServingCertificate} carries it, to the router. Checked by the control API before it is stored.
 *
 * @param name        the certificate's name within its app, unique there: the leaf's first host name unless given;
 *                    adding one of the same name replaces it (a renewal)
 * @param hostNames   the DNS names the leaf covers, in lower case; {@code *.example.com} is a wildcard
 * @param fingerprint {@code sha256:<hex>} of the leaf's DER encoding
 * @param chainPem    the chain in PEM, leaf first
 * @param source      who put it there: a user ({@code certs:add}) or Ferry's ACME issuer; ACME never replaces a
 *                    user's certificate
 */
public record Certificate(String name, AppName app, List<String> hostNames, String subject, String issuer,
                          Instant notBefore, Instant notAfter, String fingerprint, String chainPem, Instant addedAt,
                          CertificateSource source) {

    /** A certificate a user added ({@link CertificateSource#USER}). */
    public Certificate(String name, AppName app, List<String> hostNames, String subject, String issuer,
                       Instant notBefore, Instant notAfter, String fingerprint, String chainPem, Instant addedAt) {
        this(name, app, hostNames, subject, issuer, notBefore, notAfter, fingerprint, chainPem, addedAt,
                CertificateSource.USER);
    }

    public Certificate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(app, "app");
        hostNames = hostNames.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        if (hostNames.isEmpty()) {
            throw new IllegalArgumentException("a certificate covers at least one host name");
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(chainPem, "chainPem");
        Objects.requireNonNull(addedAt, "addedAt");
        Objects.requireNonNull(source, "source");
    }

    /** This certificate with other host names (what a router serves of it). */
    public Certificate withHostNames(List<String> names) {
        return new Certificate(name, app, names, subject, issuer, notBefore, notAfter, fingerprint, chainPem, addedAt,
                source);
    }

    /** True when one of the names covers {@code host}: equal, or a wildcard for exactly one more label. */
    public boolean covers(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String name : hostNames) {
            if (name.equals(h) || matchesWildcard(name, h)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code pattern} is {@code *.rest} and {@code host} is one label followed by {@code .rest}. */
    public static boolean matchesWildcard(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2));
    }
}
