package dev.ferry.testing;

import com.sun.net.httpserver.HttpExchange;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.tls.CertificateCheck;
import dev.ferry.core.tls.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A certificate authority made with the openssl CLI in a test's directory, with a real OCSP responder: leaves it
 * issues name {@code http://127.0.0.1:<port>/} in their Authority Information Access extension, and {@link #answerOn}
 * answers OCSP requests there with {@code openssl ocsp -index ... -rsigner ...} (run per request with
 * {@code -reqin}/{@code -respout}, so the responder listens on loopback only; {@code openssl ocsp -port} binds every
 * address). Responses are valid for {@code nextUpdateMinutes} and signed by the CA itself unless a test chooses
 * another signer.
 */
public final class OcspTestCa implements AutoCloseable {

    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final int nextUpdateMinutes;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<HttpOrigin> responders = new ArrayList<>();
    private volatile String signer = "ca";

    public OcspTestCa(Path dir, int nextUpdateMinutes) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        this.nextUpdateMinutes = nextUpdateMinutes;
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", file("ca.key"), "-out", file("ca.pem"), "-days", "30", "-subj", "/CN=Ferry OCSP Test CA",
                "-addext", "basicConstraints=critical,CA:TRUE");
        Files.writeString(dir.resolve("index.txt"), "");
    }

    /**
     * From now on signs responses with a responder certificate the CA issued for OCSP signing (RFC 6960's delegated
     * responder), included in each response.
     */
    public void signByDelegatedResponder() throws IOException, InterruptedException {
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", file("delegate.key"),
                "-out", file("delegate.csr"), "-subj", "/CN=Ferry OCSP Test Responder");
        Files.writeString(dir.resolve("delegate.cnf"), "extendedKeyUsage=OCSPSigning\nbasicConstraints=critical,CA:FALSE\n");
        openssl("x509", "-req", "-in", file("delegate.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"),
                "-CAcreateserial", "-days", "30", "-extfile", file("delegate.cnf"), "-out", file("delegate.pem"));
        signer = "delegate";
    }

    /** From now on signs responses with a self-signed certificate for OCSP signing that the CA never issued. */
    public void signByStranger() throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", file("stranger.key"), "-out", file("stranger.pem"), "-days", "30",
                "-subj", "/CN=Ferry OCSP Test CA", "-addext", "extendedKeyUsage=OCSPSigning");
        signer = "stranger";
    }

    /** The CA's certificate file, for clients to trust. */
    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    /** OCSP requests answered so far. */
    public int requests() {
        return requests.get();
    }

    /** A leaf for {@code name} naming the responder on {@code responderPort}, recorded as valid in the CA's index. */
    public ServingCertificate issue(String name, int responderPort) throws IOException, InterruptedException {
        String key = file(name + ".key");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
                "-out", file(name + ".csr"), "-subj", "/CN=" + name);
        Files.writeString(dir.resolve(name + ".cnf"), "subjectAltName=DNS:" + name + "\n"
                + "authorityInfoAccess=OCSP;URI:http://127.0.0.1:" + responderPort + "/\n"
                + "basicConstraints=critical,CA:FALSE\n");
        openssl("x509", "-req", "-in", file(name + ".csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"),
                "-CAcreateserial", "-days", "30", "-extfile", file(name + ".cnf"), "-out", file(name + ".pem"));
        String chain = Files.readString(dir.resolve(name + ".pem")) + Files.readString(caFile());
        var leaf = Pem.certificates(chain).getFirst();
        String serial = leaf.getSerialNumber().toString(16).toUpperCase();
        serial = serial.length() % 2 == 0 ? serial : "0" + serial;
        Files.writeString(dir.resolve("index.txt"), "V\t" + INDEX_TIME.format(leaf.getNotAfter().toInstant()) + "\t\t"
                + serial + "\tunknown\t/CN=" + name + "\n", StandardOpenOption.APPEND);
        String keyPem = Files.readString(dir.resolve(name + ".key"));
        return new ServingCertificate(CertificateCheck.check(AppName.of("ocsp"), null, chain, keyPem, Instant.now()),
                keyPem);
    }

    /** Starts answering OCSP requests on {@code port} (0: a free one); answers the port. */
    public int answerOn(int port) throws IOException {
        HttpOrigin origin = HttpOrigin.start(port, this::answer);
        responders.add(origin);
        return origin.port();
    }

    private void answer(HttpExchange exchange) throws IOException {
        int n = requests.incrementAndGet();
        Path request = dir.resolve("req-" + n + ".der");
        Path response = dir.resolve("resp-" + n + ".der");
        Files.write(request, exchange.getRequestBody().readAllBytes());
        try {
            String by = signer;
            openssl("ocsp", "-index", file("index.txt"), "-CA", file("ca.pem"), "-rsigner", file(by + ".pem"),
                    "-rkey", file(by + ".key"), "-reqin", request.toString(), "-respout", response.toString(),
                    "-nmin", String.valueOf(nextUpdateMinutes));
        } catch (InterruptedException | IllegalStateException e) {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
            return;
        }
        byte[] body = Files.readAllBytes(response);
        exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * {@code openssl s_client -status} against {@code port} with SNI {@code name}, trusting the CA: its whole output,
     * which says {@code OCSP Response Status: successful} when a response was stapled.
     */
    public String sClientStatus(int port, String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", name,
                "-status", "-CAfile", file("ca.pem"))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl s_client did not finish: " + out);
        }
        return out;
    }

    @Override
    public void close() {
        responders.forEach(HttpOrigin::close);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " failed: " + out);
        }
    }
}
