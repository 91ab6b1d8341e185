package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.e2e.HttpsProbe.CurlResult;
import dev.ferry.store.sql.SqliteStore;
import dev.ferry.testing.CommandRunner;
import io.netty.handler.ssl.OpenSsl;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS from the outside: {@code ferry up}'s router with its HTTPS listener, a certificate added with the CLI and
 * served to curl without a restart (over h2, by ALPN; and h2c by prior knowledge on the HTTP port), the redirect to HTTPS and HSTS, removal back to the default certificate, and the
 * key encrypted in the database file.
 */
class HttpsTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path home;

    private static CommandRunner.Result ok(Cli cli, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    @Test
    void servesAnAddedCertificateRedirectsAndFallsBackWhenItIsRemoved() throws Exception {
        FerryConfig config = FerryConfig.ephemeral(dataDir).toBuilder().httpsPort(FerryConfig.EPHEMERAL).build();
        try (Platform platform = Platform.start(config); Backend backend = Backend.start("hello")) {
            int https = platform.httpsPort();
            assertThat(https).isPositive();
            assertThat(OpenSsl.isAvailable()).as("BoringSSL reaches the platform's class path").isTrue();
            assertThat(dataDir.resolve("tls/default.p12")).exists();
            Cli admin = new Cli(platform.apiPort(), platform.adminToken().token(), home);
            ok(admin, "apps:create", "hello");
            ok(admin, "routes:add", "hello.localhost", backend.url(), "--force");
            Path cert = selfSigned("hello.localhost");

            CurlResult before = curl(cert, https);
            assertThat(before.exit()).as(before.out()).isEqualTo(60); // the default certificate is not trusted

            ok(admin, "certs:add", cert.resolve("cert.pem").toString(), cert.resolve("key.pem").toString(), "-a", "hello");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                CurlResult served = curl(cert, https);
                assertThat(served.exit()).as(served.out()).isZero();
                assertThat(served.out()).contains("backend hello").contains("SSL connection using TLSv1.3")
                        .contains("ALPN: server accepted h2").contains("< HTTP/2 200");
            });
            assertThat(backend.lastHeaders()).containsEntry("X-Forwarded-Proto", "https");
            assertThat(h2cPriorKnowledge(platform.httpPort())).contains("< HTTP/2 200").contains("backend hello");

            ok(admin, "https:force", "on", "-a", "hello");
            ok(admin, "https:hsts", "31536000", "-a", "hello");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(plainGet(platform.httpPort(), "/x?y=1"))
                    .startsWith("HTTP/1.1 308 ").contains("Location: https://hello.localhost:" + https + "/x?y=1"));
            assertThat(curl(cert, https).out()).contains("strict-transport-security: max-age=31536000"); // h2: lower case

            String keyBody = Files.readString(cert.resolve("key.pem")).lines().filter(l -> !l.startsWith("-----"))
                    .findFirst().orElseThrow();
            assertThat(databaseFilesContain(keyBody)).isFalse();

            ok(admin, "certs:remove", "hello.localhost", "-a", "hello");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(curl(cert, https).exit()).isEqualTo(60));
        }
    }

    private boolean databaseFilesContain(String text) throws IOException {
        for (String name : List.of(SqliteStore.DATABASE_FILE, SqliteStore.DATABASE_FILE + "-wal")) {
            Path file = dataDir.resolve(name);
            if (Files.exists(file)
                    && new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static CurlResult curl(Path cert, int port) throws IOException, InterruptedException {
        return HttpsProbe.curl(cert.resolve("cert.pem"), "hello.localhost", port);
    }

    private static String h2cPriorKnowledge(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("curl", "-sS", "-v", "--max-time", "10", "--http2-prior-knowledge",
                "-H", "Host: hello.localhost", "http://127.0.0.1:" + port + "/").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(15, TimeUnit.SECONDS);
        return out;
    }

    private Path selfSigned(String host) throws IOException, InterruptedException {
        return dev.ferry.testing.TestPki.selfSignedByOpenssl(home.resolve("cert"), host);
    }

    private static String plainGet(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: hello.localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
