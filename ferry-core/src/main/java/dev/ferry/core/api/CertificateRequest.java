package dev.ferry.core.api;

/**
 * {@code POST /api/apps/{app}/certs}: a certificate to add, or to replace the one of the same name.
 *
 * @param certificate the PEM chain, the server's certificate first (required)
 * @param privateKey  the PKCS#8 PEM private key (required); sent once, never answered
 * @param name        the certificate's name in the app (default: its first host name)
 */
public record CertificateRequest(String certificate, String privateKey, String name) {

    /** Hides the key from logs and error messages. */
    @Override
    public String toString() {
        return "CertificateRequest[name=" + name + "]";
    }
}
