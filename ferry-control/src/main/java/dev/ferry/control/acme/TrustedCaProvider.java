package dev.ferry.control.acme;

import dev.ferry.core.tls.Pem;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * acme4j's generic provider, talking to the directory over HTTPS checked against the CA certificates of one PEM
 * file only ({@code --acme-ca-cert}): how Ferry reaches a private ACME CA such as Pebble or a company's own.
 */
final class TrustedCaProvider extends GenericAcmeProvider {

    private final SSLContext ssl;

    TrustedCaProvider(Path caFile) {
        this.ssl = context(read(caFile));
    }

    /**
     * The certificates of {@code file}, refused with a sentence naming the file when it is unreadable or holds none.
     */
    static List<X509Certificate> read(Path file) {
        try {
            List<X509Certificate> certificates = Pem.certificates(Files.readString(file));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no PEM certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a PEM file of CA certificates: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(List<X509Certificate> certificates) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                trust.setCertificateEntry("acme-ca-" + i, certificates.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the ACME CA certificates: " + e.getMessage(), e);
        }
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
        return HttpClient.newBuilder()
                .connectTimeout(settings.getTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .sslContext(ssl)
                .build();
    }
}
