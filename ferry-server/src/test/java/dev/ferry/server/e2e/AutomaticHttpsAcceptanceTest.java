package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.FreePorts;
import dev.ferry.testing.PebbleCa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic HTTPS as a user meets it: {@code ferry up} in its own JVM, pointed at a real Pebble (whose challenge
 * server answers its DNS) by its {@code --acme-*} flags alone, {@code apps:create} and a real {@code git push} of a
 * Procfile app, then curl against Pebble's root: the app over TLS 1.3 with a Pebble-issued certificate for its name,
 * h2 by ALPN with {@code --http2}, h2c with {@code --http2-prior-knowledge} on the HTTP port, and a custom domain
 * added with {@code domains:add} served with its own certificate without a restart. Renewal and a failing challenge
 * are {@link AcmeTest}'s (docs/https.md lists which test proves each line).
 */
class AutomaticHttpsAcceptanceTest {

    private static final String DOMAIN = "apps.test";

    @TempDir
    Path dir;

    @TempDir
    Path pebbleDir;

    @BeforeEach
    void needsPebble() {
        Assumptions.assumeTrue(PebbleCa.installed(), "Debian's pebble package (.ci/run installs it)");
    }

    @Test
    void aPushedAppAndItsCustomDomainAreServedOverTls13AndHttp2WithPebbleCertificates() throws Exception {
        int httpPort = FreePorts.loopback();
        int httpsPort = FreePorts.loopback();
        int apiPort = FreePorts.loopback();
        Path dataDir = dir.resolve("data");
        try (PebbleCa pebble = PebbleCa.start(pebbleDir, httpPort, Duration.ofHours(1));
             ChildRole up = ChildRole.start(dir, "up", Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString()),
                     List.of("--data-dir", dataDir.toString(), "--domain", DOMAIN,
                             "--http-port", String.valueOf(httpPort), "--https-port", String.valueOf(httpsPort),
                             "--api-port", String.valueOf(apiPort), "--ssh-port", "0", "--tunnel-port", "0",
                             "--acme-directory", pebble.directory().toString(), "--acme-email", "ops@example.com",
                             "--acme-trust-ca", pebble.listenerCa().toString(),
                             "--dns-resolver", pebble.dns().address()),
                     "Ferry is up.", Duration.ofSeconds(90))) {
            String token = Files.readString(dataDir.resolve("admin-token")).strip();
            Cli admin = new Cli(apiPort, token, dir.resolve("cli"));
            ok(admin, "apps:create", "hello");
            PythonApp app = PythonApp.create(dir.resolve("app"), dir.resolve("git-home"), token);
            Git.Result pushed = app.push("http://127.0.0.1:" + apiPort + "/git/hello.git");
            assertThat(pushed.exit()).as(pushed.output()).isZero();

            String host = "hello." + DOMAIN;
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                Curl served = Curl.https(pebble.rootPem(), host, httpsPort, "--http2");
                assertThat(served.exit()).as(served.output() + up.log()).isZero();
                assertThat(served.output()).contains("SSL connection using TLSv1.3")
                        .contains("subjectAltName: host \"" + host + "\" matched cert's \"" + host + "\"")
                        .contains("issuer: CN=Pebble Intermediate CA").contains("ALPN: server accepted h2");
                assertThat(served.body()).isEqualTo("hello v1 web.1\n");
                assertThat(served.httpVersion()).isEqualTo("2");
            });
            Curl h2c = Curl.run(List.of("--http2-prior-knowledge", "--resolve", host + ":" + httpPort + ":127.0.0.1",
                    "http://" + host + ":" + httpPort + "/"));
            assertThat(h2c.exit()).as(h2c.output()).isZero();
            assertThat(h2c.httpVersion()).isEqualTo("2");
            assertThat(h2c.body()).isEqualTo("hello v1 web.1\n");

            ok(admin, "domains:add", "www.hello.test", "-a", "hello");
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                Curl custom = Curl.https(pebble.rootPem(), "www.hello.test", httpsPort, "--http2");
                assertThat(custom.exit()).as(custom.output()).isZero();
                assertThat(custom.output()).contains("SSL connection using TLSv1.3")
                        .contains("subjectAltName: host \"www.hello.test\" matched cert's \"www.hello.test\"")
                        .contains("issuer: CN=Pebble Intermediate CA");
                assertThat(custom.body()).isEqualTo("hello v1 web.1\n");
            });
            assertThat(ok(admin, "certs", "-a", "hello").out()).contains(host).contains("www.hello.test")
                    .contains("acme");
            assertThat(up.log()).contains("Ferry is up.");
        }
    }

    private static CommandRunner.Result ok(Cli cli, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    /** One run of the real curl: its exit code, verbose output, the body and {@code %{http_version}}. */
    private record Curl(int exit, String output, String body, String httpVersion) {

        private static final String MARK = "\n--http-version=";

        static Curl https(Path root, String host, int port, String... flags) throws IOException, InterruptedException {
            List<String> args = new ArrayList<>(List.of(flags));
            args.addAll(List.of("--cacert", root.toString(), "--resolve", host + ":" + port + ":127.0.0.1",
                    "https://" + host + ":" + port + "/"));
            return run(args);
        }

        static Curl run(List<String> args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "10",
                    "-w", MARK.replace("\n", "\\n") + "%{http_version}"));
            command.addAll(args);
            Path err = Files.createTempFile("curl", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                int at = out.lastIndexOf(MARK);
                String body = at < 0 ? out : out.substring(0, at);
                String version = at < 0 ? "" : out.substring(at + MARK.length()).strip();
                return new Curl(p.exitValue(), Files.readString(err) + out, body, version);
            } finally {
                Files.deleteIfExists(err);
            }
        }
    }
}
