package dev.ferry.router.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the router's HTTPS listener. The bind address is the HTTP listener's ({@code RouterConfig}).
 *
 * @param httpsPort              the HTTPS port; default 8443, 0 picks a free one (the platform turns the listener off
 *                               with {@code --https-port 0} by not making one)
 * @param defaultCertificateFile a PKCS#12 file with the certificate served without SNI or for an unknown name; a
 *                               self-signed one is made there at first start when the file is missing
 * @param protocols              TLS versions accepted; default TLS 1.3 and 1.2, nothing older
 * @param ciphers                the TLS 1.2 suites, all forward secret with AEAD (the Mozilla "intermediate" list);
 *                               TLS 1.3 suites are the engine's, all modern
 * @param refreshInterval        how often the certificates are read again even without a change event, so that
 *                               routers sharing a database with another control plane catch up; default 30 s
 * @param ocsp                   OCSP stapling for certificates that name a responder; default {@link OcspConfig#DEFAULT}
 */
public record TlsConfig(int httpsPort, Path defaultCertificateFile, List<String> protocols, List<String> ciphers,
                        Duration refreshInterval, OcspConfig ocsp) {

    /** TLS 1.3 and 1.2 only. */
    public static final List<String> MODERN_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** TLS 1.3's suites, then Mozilla's intermediate TLS 1.2 suites (ECDHE, AEAD only). */
    public static final List<String> MODERN_CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    public TlsConfig {
        if (httpsPort < 0 || httpsPort > 65535) {
            throw new IllegalArgumentException("httpsPort " + httpsPort + " is outside 0-65535");
        }
        Objects.requireNonNull(defaultCertificateFile, "defaultCertificateFile");
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
        if (protocols.isEmpty() || !MODERN_PROTOCOLS.containsAll(protocols)) {
            throw new IllegalArgumentException("protocols must be among " + MODERN_PROTOCOLS + ": " + protocols);
        }
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive");
        }
        Objects.requireNonNull(ocsp, "ocsp");
    }

    /** The defaults, on {@code httpsPort}, with the default certificate in {@code defaultCertificateFile}. */
    public static TlsConfig of(int httpsPort, Path defaultCertificateFile) {
        return new TlsConfig(httpsPort, defaultCertificateFile, MODERN_PROTOCOLS, MODERN_CIPHERS, Duration.ofSeconds(30),
                OcspConfig.DEFAULT);
    }

    /** These settings with other OCSP stapling settings. */
    public TlsConfig withOcsp(OcspConfig settings) {
        return new TlsConfig(httpsPort, defaultCertificateFile, protocols, ciphers, refreshInterval, settings);
    }
}
