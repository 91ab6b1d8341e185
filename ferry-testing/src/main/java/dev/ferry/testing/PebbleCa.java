package dev.ferry.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Let's Encrypt's test CA, Pebble, and its challenge test server from Debian's {@code pebble} package, started on
 * ephemeral loopback ports for one test: Pebble validates HTTP-01 challenges on {@code httpPort} of the address the
 * challenge server's DNS gives for a name (127.0.0.1 for every name unless {@link #pointName} says otherwise; no AAAA
 * answers), without its random sleeps, with authorizations never reused, and issues certificates valid for
 * {@code validity}. Its HTTPS listener's certificate (made here by openssl) is in {@link #listenerCa()}; the root it
 * issues under, new at every start, in {@link #rootPem()}.
 */
public final class PebbleCa implements AutoCloseable {

    private final Path dir;
    private final int listenPort;
    private final int managementPort;
    private ChallengeDns dns;
    private String dnsServer;
    private Process pebble;

    private PebbleCa(Path dir) {
        this.dir = dir;
        this.listenPort = FreePorts.loopback();
        this.managementPort = FreePorts.loopback();
    }

    /** True when Pebble and its challenge server are installed here. */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/pebble")) && Files.isExecutable(Path.of("/usr/bin/pebble-challtestsrv"));
    }

    /**
     * Starts both servers in {@code dir}, Pebble asking {@code dnsServer} (HOST:PORT, a real authoritative server such
     * as {@link BindServer}) instead of the challenge server for every name, so it checks DNS-01 records there.
     */
    public static PebbleCa start(Path dir, int httpPort, Duration validity, String dnsServer)
            throws IOException, InterruptedException {
        PebbleCa ca = new PebbleCa(dir);
        ca.dnsServer = dnsServer;
        try {
            ca.startAll(httpPort, FreePorts.loopback(), validity);
            return ca;
        } catch (IOException | InterruptedException | RuntimeException e) {
            ca.close();
            throw e;
        }
    }

    /** Starts both servers in {@code dir}; {@code httpPort} is where Pebble checks HTTP-01 answers. */
    public static PebbleCa start(Path dir, int httpPort, Duration validity) throws IOException, InterruptedException {
        return start(dir, httpPort, FreePorts.loopback(), validity);
    }

    /**
     * Starts both servers in {@code dir}; {@code httpPort} is where Pebble checks HTTP-01 answers, {@code tlsPort}
     * where it checks TLS-ALPN-01 ones.
     */
    public static PebbleCa start(Path dir, int httpPort, int tlsPort, Duration validity)
            throws IOException, InterruptedException {
        PebbleCa ca = new PebbleCa(dir);
        try {
            ca.startAll(httpPort, tlsPort, validity);
            return ca;
        } catch (IOException | InterruptedException | RuntimeException e) {
            ca.close();
            throw e;
        }
    }

    private void startAll(int httpPort, int tlsPort, Duration validity) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", dir.resolve("listener-key.pem").toString(), "-out", listenerCa().toString(), "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"));
        dns = ChallengeDns.start(dir);
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                 "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d, "ocspResponderURL": "",
                 "externalAccountBindingRequired": false, "certificateValidityPeriod": %d}}
                """.formatted(listenPort, managementPort, listenerCa(), dir.resolve("listener-key.pem"), httpPort,
                tlsPort, validity.toSeconds()));
        ProcessBuilder pb = new ProcessBuilder("pebble", "-config", dir.resolve("pebble.json").toString(),
                "-dnsserver", dnsServer != null ? dnsServer : dns.address())
                .redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
        pb.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pb.environment().put("PEBBLE_AUTHZREUSE", "0");
        pebble = pb.start();
        ChallengeDns.awaitListening(listenPort);
        Files.writeString(rootPem(), get("https://127.0.0.1:" + managementPort + "/roots/0"));
    }

    /** The ACME directory URL. */
    public URI directory() {
        return URI.create("https://127.0.0.1:" + listenPort + "/dir");
    }

    /** The PEM file that Pebble's own HTTPS listener is trusted with ({@code --acme-ca-cert}). */
    public Path listenerCa() {
        return dir.resolve("listener.pem");
    }

    /** The PEM file of the root that Pebble issues under, to check its certificates against. */
    public Path rootPem() {
        return dir.resolve("root.pem");
    }

    /** The challenge server's DNS, which Pebble asks for the addresses of the names it validates. */
    public ChallengeDns dns() {
        return dns;
    }

    /** Makes the challenge server's DNS answer {@code host} with {@code address} (IPv4) from now on. */
    public void pointName(String host, String address) throws IOException, InterruptedException {
        dns.pointName(host, address);
    }

    /** Pebble's log so far, for failure messages. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("pebble.log"));
    }

    private String get(String url) throws IOException, InterruptedException {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("pebble-listener", (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(listenerCa())));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> r = HttpClient.newBuilder().sslContext(ssl).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        if (pebble != null) {
            pebble.destroy();
            try {
                if (!pebble.waitFor(5, TimeUnit.SECONDS)) {
                    pebble.destroyForcibly();
                }
            } catch (InterruptedException e) {
                pebble.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (dns != null) {
            dns.close();
        }
    }
}
