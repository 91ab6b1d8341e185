package dev.ferry.core.api;

import java.util.List;

/**
 * Certificates over ACME for one app ({@code GET}/{@code PUT /api/apps/{app}/certs/auto}, {@code ferry certs:auto}):
 * whether they are on for the app, whether this platform runs an ACME issuer at all, and where each of the app's
 * hosts stands.
 *
 * @param enabled       on for the app ({@code certs:auto:enable}, the default) or off ({@code certs:auto:disable})
 * @param issuerRunning whether the platform was started with ACME on ({@code --acme-email} or
 *                      {@code --acme-directory}); without it nothing is ordered whatever {@code enabled} says
 * @param hosts         each of the app's hosts, its default host first
 */
public record AutoCertificatesInfo(boolean enabled, boolean issuerRunning, List<AutoCertificateHostInfo> hosts) {

    public AutoCertificatesInfo {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
}
