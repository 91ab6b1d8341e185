package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.control.acme.AcmeChallenge;
import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.core.store.AcmeHostStatus;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.server.config.StoreSettings;
import dev.ferry.store.sql.ConfigKey;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import dev.ferry.server.router.RouterNode;
import dev.ferry.store.route.RedisAcmeChallenges;
import dev.ferry.store.route.RedisServerProcess;
import dev.ferry.testing.FreePorts;
import dev.ferry.testing.PebbleCa;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACME with the roles apart, against a real Pebble: a {@code ferry control} node (no router) orders the certificate,
 * and the only router Pebble can reach is a separate {@code ferry router} process without a store, which answers the
 * HTTP-01 challenge from the Redis registry; given the fleet's secret key, it answers TLS-ALPN-01 on its HTTPS port
 * from the serving set the control node publishes there, and serves the certificate issued.
 */
class AcmeFleetTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsPebble() {
        Assumptions.assumeTrue(PebbleCa.installed(), "Debian's pebble package (.ci/run installs it)");
    }

    @Test
    void aSeparateRouterAnswersTheHttp01ChallengesOfAControlNodeThroughTheRegistry() throws Exception {
        int routerHttp = FreePorts.loopback();
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             PebbleCa pebble = PebbleCa.start(dir.resolve("pebble"), routerHttp, Duration.ofHours(1))) {
            FerryConfig shared = new FerryConfigResolver(Map.of(), dir.resolve("home"))
                    .resolve(Map.of("--registry", redis.uri()));
            AcmeConfig acme = PebbleAcme.config(pebble, dir.resolve("control/acme/account.pem"));
            FerryConfig controlConfig = FerryConfig.ephemeral(dir.resolve("control")).toBuilder()
                    .httpPort(FerryConfig.OFF).domain("apps.test").registry(shared.registry())
                    .acme(Optional.of(acme)).build();
            FerryConfig routerConfig = FerryConfig.ephemeral(dir.resolve("router")).toBuilder().httpPort(routerHttp)
                    .registry(shared.registry()).build();
            try (RouterNode router = RouterNode.start(routerConfig, RuntimePlatform.TUNING);
                 Platform control = Platform.startControl(controlConfig, RuntimePlatform.TUNING)) {
                assertThat(control.httpPort()).as("the control node runs no router").isEqualTo(-1);
                AppName hello = AppName.of("hello");
                Cli admin = new Cli(control.apiPort(), control.adminToken().token(), dir.resolve("home"));
                assertThat(admin.run("apps:create", "hello").exit()).isZero();

                Certificate issued = await().atMost(Duration.ofSeconds(60)).until(() -> control.store().certificates()
                        .certificates(hello).stream().filter(c -> c.source() == CertificateSource.ACME)
                        .findFirst().orElse(null), c -> c != null);

                assertThat(issued.hostNames()).containsExactly("hello.apps.test");
                assertThat(issued.issuer()).contains("Pebble Intermediate CA");
                assertThat(control.store().acme().statuses(hello)).extracting(AcmeHostStatus::state)
                        .containsExactly(AcmeHostStatus.State.VALID);
                try (RedisAcmeChallenges challenges = new RedisAcmeChallenges(shared.registry().orElseThrow())) {
                    assertThat(challenges.answers()).as("removed from the registry once proved").isEmpty();
                }
                assertThat(router.httpPort()).isEqualTo(routerHttp);
            }
        }
    }

    @Test
    void aSeparateRouterGivenTheFleetsKeyAnswersTlsAlpn01AndServesTheIssuedCertificate() throws Exception {
        int unreachableHttp = FreePorts.loopback(); // where Pebble would check HTTP-01: nothing listens
        int routerHttps = FreePorts.loopback();
        byte[] secret = new byte[ConfigKey.KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        Path key = Files.writeString(dir.resolve("fleet.key"), Base64.getEncoder().encodeToString(secret));
        StoreSettings withKey = new StoreSettings(Optional.empty(), Optional.of(ConfigKey.file(key)));
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             PebbleCa pebble = PebbleCa.start(dir.resolve("pebble"), unreachableHttp, routerHttps, Duration.ofHours(1));
             Backend backend = Backend.start("hello")) {
            FerryConfig shared = new FerryConfigResolver(Map.of(), dir.resolve("home"))
                    .resolve(Map.of("--registry", redis.uri()));
            AcmeConfig acme = PebbleAcme.config(pebble, dir.resolve("control/acme/account.pem"))
                    .withChallenge(AcmeChallenge.TLS_ALPN_01);
            FerryConfig controlConfig = FerryConfig.ephemeral(dir.resolve("control")).toBuilder()
                    .httpPort(FerryConfig.OFF).domain("apps.test").registry(shared.registry()).store(withKey)
                    .acme(Optional.of(acme)).build();
            FerryConfig routerConfig = FerryConfig.ephemeral(dir.resolve("router")).toBuilder().httpsPort(routerHttps)
                    .registry(shared.registry()).store(withKey).build();
            try (RouterNode router = RouterNode.start(routerConfig, RuntimePlatform.TUNING);
                 Platform control = Platform.startControl(controlConfig, RuntimePlatform.TUNING)) {
                Cli admin = new Cli(control.apiPort(), control.adminToken().token(), dir.resolve("home"));
                assertThat(admin.run("apps:create", "hello").exit()).isZero();
                assertThat(admin.run("routes:add", "hello.apps.test", backend.url(), "--force").exit()).isZero();

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    HttpsProbe.CurlResult served = HttpsProbe.curl(pebble.rootPem(), "hello.apps.test", routerHttps);
                    assertThat(served.exit()).as(served.out() + pebble.log()).isZero();
                    assertThat(served.out()).contains("backend hello").contains("issuer: CN=Pebble Intermediate CA");
                });
                assertThat(control.store().acme().challenges()).as("no HTTP-01 was used").isEmpty();
            }
        }
    }
}
