package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.e2e.HttpsProbe.CurlResult;
import dev.ferry.server.gateway.SeparateGateway;
import dev.ferry.testing.CommandRunner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry tunnel} over HTTPS: the real CLI agent publishes a local HTTP server through a gateway, and curl, trusting
 * only the CA that issued the app's certificate, reaches it at {@code https://hello--dev.localhost} through the router's
 * HTTPS listener, which presents the certificate added with {@code certs:add} (the tunnel's name in it). The gateway
 * never terminates the app's TLS, so the same holds with a separate {@code ferry gateway} and no in-process one.
 */
class TunnelHttpsTest {

    private static final String PREVIEW = "hello--dev.localhost";

    @TempDir
    Path dataDir;

    @TempDir
    Path gatewayDir;

    @TempDir
    Path home;

    @Test
    void servesATunnelOverHttpsWithTheAppsCertificate() throws Exception {
        FerryConfig config = FerryConfig.ephemeral(dataDir).toBuilder().httpsPort(FerryConfig.EPHEMERAL)
                .tunnelPort(FerryConfig.EPHEMERAL).build();
        try (Backend device = Backend.start("device"); Platform platform = Platform.start(config)) {
            Cli cli = new Cli(platform.apiPort(), platform.adminToken().token(), home);
            Path ca = addCertificate(cli);

            CurlResult before = curl(ca, platform.httpsPort());
            assertThat(before.out()).doesNotContain("backend device");

            runTunnel(cli, device, () -> {
                CurlResult served = curl(ca, platform.httpsPort());
                assertThat(served.exit()).as(served.out()).isZero();
                assertThat(served.out()).contains("backend device", "SSL certificate verify ok",
                        "subjectAltName: host \"" + PREVIEW + "\" matched cert's \"" + PREVIEW + "\"");
            });
            assertThat(device.lastHeaders()).containsEntry("X-Forwarded-Proto", "https");
        }
    }

    @Test
    void servesATunnelOfASeparateGatewayOverHttps() throws Exception {
        FerryConfig config = FerryConfig.ephemeral(dataDir).toBuilder().httpsPort(FerryConfig.EPHEMERAL).build();
        try (Backend device = Backend.start("device"); Platform platform = Platform.start(config)) {
            assertThat(platform.tunnelPort()).as("no gateway in the platform itself").isNotPositive();
            String token = platform.adminToken().token();
            Cli cli = new Cli(platform.apiPort(), token, home);
            Path ca = addCertificate(cli);
            try (SeparateGateway gateway = SeparateGateway.start(new SeparateGateway.Settings(
                    URI.create("http://127.0.0.1:" + platform.apiPort()), token, "127.0.0.1", 0, gatewayDir))) {
                runTunnel(cli, device, () -> {
                    assertThat(gateway.tunnelCount()).isEqualTo(1);
                    CurlResult served = curl(ca, platform.httpsPort());
                    assertThat(served.exit()).as(served.out()).isZero();
                    assertThat(served.out()).contains("backend device", "SSL certificate verify ok");
                });
            }
        }
    }

    /** Creates the app and adds a certificate for its names, issued by a CA of the test; answers the CA's file. */
    private Path addCertificate(Cli cli) throws Exception {
        ok(cli, "apps:create", "hello");
        Path d = Files.createDirectories(home.resolve("pki"));
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", d.resolve("ca.key").toString(), "-out", d.resolve("ca.pem").toString(), "-days", "30",
                "-subj", "/CN=Tunnel Test CA", "-addext", "basicConstraints=critical,CA:TRUE");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", d.resolve("key.pem").toString(), "-out", d.resolve("leaf.csr").toString(),
                "-subj", "/CN=" + PREVIEW);
        Files.writeString(d.resolve("ext.cnf"), "subjectAltName=DNS:hello.localhost,DNS:" + PREVIEW
                + "\nbasicConstraints=critical,CA:FALSE\n");
        openssl("x509", "-req", "-in", d.resolve("leaf.csr").toString(), "-CA", d.resolve("ca.pem").toString(),
                "-CAkey", d.resolve("ca.key").toString(), "-CAcreateserial", "-days", "30",
                "-extfile", d.resolve("ext.cnf").toString(), "-out", d.resolve("cert.pem").toString());
        Files.writeString(d.resolve("chain.pem"),
                Files.readString(d.resolve("cert.pem")) + Files.readString(d.resolve("ca.pem")));
        ok(cli, "certs:add", d.resolve("chain.pem").toString(), d.resolve("key.pem").toString(), "-a", "hello");
        return d.resolve("ca.pem");
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Runs {@code ferry tunnel <device port> -a hello} until {@code served} holds, then stops it. */
    private static void runTunnel(Cli cli, Backend device, Check served) throws Exception {
        AtomicReference<CommandRunner.Result> result = new AtomicReference<>();
        Thread tunnel = Thread.ofPlatform().name("ferry-tunnel-cli").start(() -> result.set(
                cli.run("tunnel", String.valueOf(device.port()), "-a", "hello")));
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(served::run);
        } finally {
            tunnel.interrupt();
            tunnel.join(10_000);
        }
        assertThat(tunnel.isAlive()).isFalse();
        assertThat(result.get().out()).contains(PREVIEW, "GET / 200");
    }

    private static void ok(Cli cli, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
    }

    private static CurlResult curl(Path ca, int port) throws IOException, InterruptedException {
        return HttpsProbe.curl(ca, PREVIEW, port);
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    }
}
