package dev.ferry.router.tls;

import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.store.ServingCertificate;
import java.util.List;
import java.util.Map;

/**
 * Where the router's HTTPS listener reads the certificates it serves and each host's HTTPS settings. The
 * composition root implements it over the store's {@code CertificateStore} (which knows apps) and the apps'
 * host names (which turn an app's settings into per-host ones).
 */
public interface TlsSource {

    /** Every certificate to serve, with its key. */
    List<ServingCertificate> certificates();

    /** The HTTPS settings of each host name that has any, keyed by lower-case host name. */
    Map<String, HttpsSettings> settingsByHost();

    /**
     * The ACME HTTP-01 challenges being answered, token to key authorization: the router answers
     * {@code /.well-known/acme-challenge/<token>} with it for any host, before routing. None by default.
     */
    default Map<String, String> challengeAnswers() {
        return Map.of();
    }

    /**
     * The ACME TLS-ALPN-01 challenges being answered, host to key authorization: the HTTPS listener serves the
     * challenge certificate made from it to a ClientHello for that host offering ALPN {@code acme-tls/1}. None by
     * default.
     */
    default Map<String, String> tlsAlpnChallenges() {
        return Map.of();
    }

    /** Runs {@code listener} after each change of certificates, settings or challenges (on the changing thread). */
    void onChange(Runnable listener);
}
