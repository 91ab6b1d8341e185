package dev.ferry.core.store;

import java.util.Objects;

/**
 * A {@link Certificate} with its private key in PKCS#8 PEM, as the router needs it to serve TLS. Only
 * {@link CertificateStore#servingCertificates()} hands these out; {@link #toString()} leaves the key out so that
 * no log ever prints it.
 */
public record ServingCertificate(Certificate certificate, String privateKeyPem) {

    public ServingCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    }

    @Override
    public String toString() {
        return "ServingCertificate[" + certificate.name() + " of " + certificate.app() + ", key hidden]";
    }
}
