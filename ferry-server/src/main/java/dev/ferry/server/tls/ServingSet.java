package dev.ferry.server.tls;

import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.router.tls.TlsSource;
import java.util.List;
import java.util.Map;

/**
 * What a router serves over HTTPS, read from a {@link TlsSource} at one moment: the certificates with their keys,
 * each host's HTTPS settings and the TLS-ALPN-01 challenges. What control nodes publish for separate routers
 * ({@link TlsDocument}); {@link #EMPTY} until anything is published.
 */
public record ServingSet(List<ServingCertificate> certificates, Map<String, HttpsSettings> settingsByHost,
                         Map<String, String> tlsAlpnChallenges) {

    /** Nothing to serve but the default certificate. */
    public static final ServingSet EMPTY = new ServingSet(List.of(), Map.of(), Map.of());

    public ServingSet {
        certificates = List.copyOf(certificates);
        settingsByHost = Map.copyOf(settingsByHost);
        tlsAlpnChallenges = Map.copyOf(tlsAlpnChallenges);
    }

    /** What {@code source} serves now. */
    public static ServingSet of(TlsSource source) {
        return new ServingSet(source.certificates(), source.settingsByHost(), source.tlsAlpnChallenges());
    }
}
