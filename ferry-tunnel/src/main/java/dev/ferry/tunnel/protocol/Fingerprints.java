package dev.ferry.tunnel.protocol;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Certificate pinning: a gateway's certificate is known by the SHA-256 of its DER encoding, in lower-case hex
 * ({@code sha256:} prefix optional), learned by the agent from the control API over its authenticated channel.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** {@code sha256:<64 hex digits>} of a certificate. */
    public static String of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** A trust manager that accepts exactly the certificate of this fingerprint, as the leaf, and nothing else. */
    public static X509ExtendedTrustManager pinning(String fingerprint) {
        String expected = normalize(fingerprint);
        return new X509ExtendedTrustManager() {
            private void check(X509Certificate[] chain) throws CertificateException {
                if (chain == null || chain.length == 0 || !of(chain[0]).equals(expected)) {
                    throw new CertificateException("the gateway's certificate is not the one the control API named ("
                            + expected + ")");
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                check(chain);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                check(chain);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                check(chain);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("the agent does not accept clients");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                throw new CertificateException("the agent does not accept clients");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                throw new CertificateException("the agent does not accept clients");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    /** The canonical form {@code sha256:<hex>}; throws {@link IllegalArgumentException} for anything else. */
    public static String normalize(String fingerprint) {
        String f = Objects.requireNonNull(fingerprint, "fingerprint").trim().toLowerCase(Locale.ROOT).replace(":", "");
        if (f.startsWith("sha256")) {
            f = f.substring(6);
        }
        if (f.length() != 64 || !f.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + fingerprint + "' is not a SHA-256 certificate fingerprint");
        }
        return "sha256:" + f;
    }
}
