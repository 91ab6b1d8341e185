package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.server.FerryCommandLine;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.server.config.StoreSettings;
import dev.ferry.server.e2e.HttpsProbe.CurlResult;
import dev.ferry.server.router.RouterNode;
import dev.ferry.store.route.RedisAcmeChallenges;
import dev.ferry.store.route.RedisRegistryConfig;
import dev.ferry.store.route.RedisServerProcess;
import dev.ferry.store.sql.ConfigKey;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.FreePorts;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * HTTPS on a separate {@code ferry router} (no store): a {@code ferry control} node publishes its certificates, HTTPS
 * settings and challenges, sealed, in the Redis registry; the router, given the same secret key, serves them by SNI
 * with no restart, follows their removal, redirects and adds HSTS, and serves its saved copy when it starts while Redis
 * is down, and answers ACME HTTP-01 from the registry too. A router with another key, or a document altered in
 * Redis, serves nothing new and says why; without a key, the role serves no HTTPS and says so.
 */
class SeparateRouterHttpsTest {

    private static final String HOST = "hello.localhost";

    @TempDir
    Path dir;

    private RedisServerProcess redis;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger sourceLog = (Logger) LoggerFactory.getLogger("dev.ferry.server.router.RegistryTlsSource");

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServerProcess.start(dir.resolve("redis"), true);
        logged.start();
        sourceLog.addAppender(logged);
    }

    @AfterEach
    void stop() throws Exception {
        sourceLog.detachAppender(logged);
        redis.close();
    }

    @Test
    void servesWhatAControlNodePublishesFollowsChangesAndStartsFromItsCopyWhileRedisIsDown() throws Exception {
        Path key = newKey("fleet.key");
        Path cert = selfSigned(HOST);
        try (Platform control = Platform.startControl(controlConfig(key), RuntimePlatform.TUNING);
             Backend backend = Backend.start("hello")) {
            FerryConfig routerConfig = routerConfig("router", key);
            RouterNode router = RouterNode.start(routerConfig, RuntimePlatform.TUNING);
            try {
                int https = router.httpsPort();
                assertThat(https).isPositive();
                Cli admin = new Cli(control.apiPort(), control.adminToken().token(), dir.resolve("home"));
                ok(admin, "apps:create", "hello");
                ok(admin, "routes:add", HOST, backend.url(), "--force");
                assertThat(curl(cert, https).exit()).as("the default certificate is not trusted").isEqualTo(60);

                ok(admin, "certs:add", cert.resolve("cert.pem").toString(), cert.resolve("key.pem").toString(), "-a", "hello");
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    CurlResult served = curl(cert, https);
                    assertThat(served.exit()).as(served.transcript()).isZero();
                    assertThat(served.out()).contains("backend hello").contains("ALPN: server accepted h2");
                });
                String keyBody = Files.readString(cert.resolve("key.pem")).lines()
                        .filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
                assertThat(redis.commands().hget("ferry:tls", "document")).as("the key is sealed in Redis")
                        .contains("\"sealedKey\"").doesNotContain(keyBody);

                ok(admin, "https:force", "on", "-a", "hello");
                ok(admin, "https:hsts", "31536000", "-a", "hello");
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(plainGet(router.httpPort(), "/x"))
                        .startsWith("HTTP/1.1 308 ").contains("Location: https://" + HOST + ":" + https + "/x"));
                try (RedisAcmeChallenges challenges = new RedisAcmeChallenges(registry().orElseThrow())) {
                    challenges.put("tok", "tok.thumbprint");
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(plainGet(router.httpPort(),
                            "/.well-known/acme-challenge/tok")).as("HTTP-01 answered, not redirected")
                            .startsWith("HTTP/1.1 200 ").endsWith("tok.thumbprint"));
                }
                assertThat(curl(cert, https).out()).contains("strict-transport-security: max-age=31536000");

                ok(admin, "certs:remove", HOST, "-a", "hello");
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(curl(cert, https).exit()).isEqualTo(60));

                ok(admin, "certs:add", cert.resolve("cert.pem").toString(), cert.resolve("key.pem").toString(), "-a", "hello");
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(curl(cert, https).exit()).isZero());
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(router.directory().resolve("tls.json"))))
                        .as("the saved copy, keys still sealed, is its owner's only").isEqualTo("rw-------");
            } finally {
                router.close();
            }

            redis.kill();
            try (RouterNode restarted = RouterNode.start(routerConfig, RuntimePlatform.TUNING)) {
                CurlResult served = curl(cert, restarted.httpsPort());
                assertThat(served.exit()).as("served from the saved copy: " + served.transcript()).isZero();
                assertThat(served.out()).contains("backend hello");
            }
        }
    }

    @Test
    void aRouterWithAnotherKeyOrAnAlteredDocumentKeepsWhatItServedAndADestroyedAppsCertificateGoes() throws Exception {
        Path key = newKey("fleet.key");
        Path cert = selfSigned(HOST);
        try (Platform control = Platform.startControl(controlConfig(key), RuntimePlatform.TUNING);
             RouterNode router = RouterNode.start(routerConfig("router", key), RuntimePlatform.TUNING);
             RouterNode stranger = RouterNode.start(routerConfig("stranger", newKey("other.key")), RuntimePlatform.TUNING)) {
            Cli admin = new Cli(control.apiPort(), control.adminToken().token(), dir.resolve("home"));
            ok(admin, "apps:create", "hello");
            ok(admin, "certs:add", cert.resolve("cert.pem").toString(), cert.resolve("key.pem").toString(), "-a", "hello");
            Path root = cert.resolve("cert.pem");
            String fingerprint = await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> HttpsProbe.servedFingerprint(root, HOST, router.httpsPort()), f -> f.startsWith("sha256:"));
            await().atMost(Duration.ofSeconds(5)).until(() -> messages().contains("fingerprint"));
            assertThat(messages()).contains("are refused").contains("this router's key has fingerprint");
            assertThat(curl(cert, stranger.httpsPort()).exit()).as("the default certificate").isEqualTo(60);

            logged.list.clear();
            String document = redis.commands().hget("ferry:tls", "document");
            assertThat(document).contains("\"hosts\":[\"" + HOST + "\"]");
            redis.commands().hset("ferry:tls", Map.of("digest", "altered",
                    "document", document.replace("\"hosts\":[\"" + HOST + "\"]", "\"hosts\":[\"evil.localhost\"]")));
            redis.commands().publish("ferry:tls", "altered");
            await().atMost(Duration.ofSeconds(5)).until(() -> messages().contains("it was altered"));
            assertThat(HttpsProbe.servedFingerprint(root, HOST, router.httpsPort())).isEqualTo(fingerprint);

            ok(admin, "apps:destroy", "hello", "--confirm", "hello");
            await("well before the 30 s tick").atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(curl(cert, router.httpsPort()).exit()).isEqualTo(60));
        }
    }

    @Test
    void withoutAKeyARouterServesNoHttpsAndRefusesAnHttpsPortAskedFor() throws Exception {
        FerryConfig noKey = routerConfig("router", newKey("unused.key")).toBuilder().store(StoreSettings.EMBEDDED).build();
        try (RouterNode router = RouterNode.start(noKey, RuntimePlatform.TUNING)) {
            assertThat(router.httpsPort()).isEqualTo(-1);
            assertThat(router.httpPort()).isPositive();
        }
        CommandRunner.Result refused = FerryCommandLine.run(dir.resolve("home"), "router",
                "--registry", redis.uri(), "--https-port", "8443", "--data-dir", dir.resolve("r").toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).startsWith("ferry: --https-port needs the fleet's secret key")
                .contains("--secret-key-file PATH or env FERRY_SECRET_KEY");
        CommandRunner.Result missing = FerryCommandLine.run(dir.resolve("home"), "router",
                "--registry", redis.uri(), "--secret-key-file", dir.resolve("nowhere.key").toString(),
                "--data-dir", dir.resolve("r").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere.key does not exist");
    }

    @Test
    void theRoleSaysWhereItServesHttpsOrWhyItServesNone() throws Exception {
        int http = FreePorts.loopback();
        int https = FreePorts.loopback();
        try (ChildRole router = ChildRole.start(dir.resolve("child"), "router", Map.of(), List.of(
                "--registry", redis.uri(), "--http-port", String.valueOf(http), "--https-port", String.valueOf(https),
                "--secret-key-file", newKey("child.key").toString(), "--data-dir", dir.resolve("child/data").toString()),
                "ferry router listening on", Duration.ofSeconds(60))) {
            assertThat(router.log()).contains("ferry router listening on http://127.0.0.1:" + http
                    + " and https://127.0.0.1:" + https + " (");
        }
        try (ChildRole router = ChildRole.start(dir.resolve("plain"), "router", Map.of(), List.of(
                "--registry", redis.uri(), "--http-port", String.valueOf(http),
                "--data-dir", dir.resolve("plain/data").toString()), "ferry router listening on", Duration.ofSeconds(60))) {
            assertThat(router.log()).contains("ferry router: HTTPS is off: no secret key")
                    .contains("ferry router listening on http://127.0.0.1:" + http + " (");
        }
    }

    private String messages() {
        return String.join("\n", logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    private FerryConfig controlConfig(Path key) {
        return FerryConfig.ephemeral(dir.resolve("control")).toBuilder().httpPort(FerryConfig.OFF)
                .registry(registry()).store(new StoreSettings(Optional.empty(), Optional.of(ConfigKey.file(key)))).build();
    }

    private FerryConfig routerConfig(String name, Path key) {
        return FerryConfig.ephemeral(dir.resolve(name)).toBuilder().httpsPort(FerryConfig.EPHEMERAL)
                .registry(registry()).store(new StoreSettings(Optional.empty(), Optional.of(ConfigKey.file(key)))).build();
    }

    private Optional<RedisRegistryConfig> registry() {
        return new FerryConfigResolver(Map.of(), dir.resolve("home")).resolve(Map.of("--registry", redis.uri())).registry();
    }

    private Path newKey(String name) throws IOException {
        byte[] bytes = new byte[ConfigKey.KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Files.writeString(dir.resolve(name), Base64.getEncoder().encodeToString(bytes) + "\n");
    }

    private static CommandRunner.Result ok(Cli cli, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    private static CurlResult curl(Path cert, int port) throws IOException, InterruptedException {
        return HttpsProbe.curl(cert.resolve("cert.pem"), HOST, port);
    }

    private Path selfSigned(String host) throws IOException, InterruptedException {
        return dev.ferry.testing.TestPki.selfSignedByOpenssl(dir.resolve("cert"), host);
    }

    private static String plainGet(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
