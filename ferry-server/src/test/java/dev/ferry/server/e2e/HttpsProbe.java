package dev.ferry.server.e2e;

import dev.ferry.core.tls.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a client sees of the platform's HTTPS port, from the outside: the real curl's verbose transcript of
 * {@code https://host/}, and the fingerprint of the certificate served for a name. Both trust only the given root
 * (a PEM file) and check the name, and connect to 127.0.0.1 whatever the name resolves to.
 */
final class HttpsProbe {

    private HttpsProbe() {
    }

    /** curl's exit code and its verbose output (stderr and stdout together). */
    record CurlResult(int exit, String out) {

        /** The exit code on the first line, then the output: one string to match and to show on failure. */
        String transcript() {
            return "exit " + exit + "\n" + out;
        }
    }

    /** {@code curl -sS -v https://host:port/} trusting {@code rootPem}, with {@code host} resolved to 127.0.0.1. */
    static CurlResult curl(Path rootPem, String host, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("curl", "-sS", "-v", "--max-time", "10", "--cacert", rootPem.toString(),
                "--resolve", host + ":" + port + ":127.0.0.1", "https://" + host + ":" + port + "/")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("curl of https://" + host + ":" + port + "/ did not end within 15 s:\n" + out);
        }
        return new CurlResult(p.exitValue(), out);
    }

    /** The fingerprint of the certificate served for {@code host}, verified against {@code rootPem} and the name. */
    static String servedFingerprint(Path rootPem, String host, int port) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("root", Pem.certificates(Files.readString(rootPem)).getFirst());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters params = socket.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(host)));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return Pem.fingerprint((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }
}
