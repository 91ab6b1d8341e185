package dev.ferry.server.e2e;

import static dev.ferry.server.e2e.HttpsProbe.curl;
import static dev.ferry.server.e2e.HttpsProbe.servedFingerprint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.control.acme.AcmeChallenge;
import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.core.retry.Backoff;
import dev.ferry.core.store.AcmeHostStatus;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.e2e.HttpsProbe.CurlResult;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.FreePorts;
import dev.ferry.testing.PebbleCa;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates over ACME from the outside, against a real Pebble and its challenge DNS server, which is also the
 * issuer's {@code --dns-resolver}: {@code ferry up}'s router answers the HTTP-01 challenges on its HTTP port, the
 * certificate of an app host and of a custom domain added later (once its DNS points at Ferry, waiting for DNS in
 * {@code ferry certs} until then) reach curl over TLS 1.3 without a restart, a short-lived certificate is renewed, and a challenge that
 * cannot succeed keeps the certificate serving and shows the failure in {@code ferry certs}, the app's events and
 * its log.
 */
class AcmeTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path home;

    @TempDir
    Path pebbleDir;

    @BeforeEach
    void needsPebble() {
        Assumptions.assumeTrue(PebbleCa.installed(), "Debian's pebble package (.ci/run installs it)");
    }

    private Platform start(PebbleCa pebble, int httpPort, double renewWhenRemaining, String... publicAddresses)
            throws Exception {
        List<InetAddress> ferry = new ArrayList<>();
        for (String a : publicAddresses) {
            ferry.add(InetAddress.getByName(a));
        }
        AcmeConfig acme = PebbleAcme.config(pebble, dataDir.resolve("acme/account.pem"), renewWhenRemaining, ferry);
        acme = acme.withDns(acme.dns().withRecheck(Backoff.doubling(Duration.ofMillis(500), Duration.ofSeconds(1))));
        return Platform.start(FerryConfig.ephemeral(dataDir).toBuilder().domain("apps.test").httpPort(httpPort)
                .httpsPort(FerryConfig.EPHEMERAL).acme(Optional.of(acme)).build());
    }

    private static CommandRunner.Result ok(Cli cli, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    @Test
    void anAppHostAndALaterCustomDomainGetPebbleCertificatesWithoutARestart() throws Exception {
        int httpPort = FreePorts.loopback();
        try (PebbleCa pebble = PebbleCa.start(pebbleDir, httpPort, Duration.ofHours(1));
             Platform platform = start(pebble, httpPort, AcmeConfig.DEFAULT_RENEW_WHEN_REMAINING);
             Backend backend = Backend.start("hello")) {
            Cli admin = new Cli(platform.apiPort(), platform.adminToken().token(), home);
            ok(admin, "apps:create", "hello");
            ok(admin, "routes:add", "hello.apps.test", backend.url(), "--force");
            int https = platform.httpsPort();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                CurlResult served = curl(pebble.rootPem(), "hello.apps.test", https);
                assertThat(served.exit()).as(served.out() + pebble.log()).isZero();
                assertThat(served.out()).contains("SSL connection using TLSv1.3").contains("backend hello")
                        .contains("issuer: CN=Pebble Intermediate CA");
            });
            CommandRunner.Result certs = ok(admin, "certs", "-a", "hello");
            assertThat(certs.out()).contains("SOURCE").contains("hello.apps.test").contains("acme").contains("valid");

            pebble.pointName("www.hello.test", "192.0.2.7"); // not Ferry's: nothing is ordered, nothing contacted
            ok(admin, "domains:add", "www.hello.test", "-a", "hello");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ok(admin, "certs", "-a", "hello").out())
                    .contains("www.hello.test: waiting for DNS: www.hello.test resolves to 192.0.2.7, not Ferry"
                            + " (127.0.0.1)"));
            pebble.dns().clearName("www.hello.test");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                CurlResult served = curl(pebble.rootPem(), "www.hello.test", https);
                assertThat(served.exit()).as(served.out()).isZero();
                assertThat(served.out()).contains("SSL connection using TLSv1.3")
                        .contains("subjectAltName: host \"www.hello.test\" matched");
            });
            assertThat(platform.store().certificates().certificates(AppName.of("hello")))
                    .extracting(Certificate::name, Certificate::source)
                    .contains(org.assertj.core.groups.Tuple.tuple("hello.apps.test", CertificateSource.ACME),
                            org.assertj.core.groups.Tuple.tuple("www.hello.test", CertificateSource.ACME));
        }
    }

    @Test
    void renewsBeforeExpiryAndAFailingChallengeKeepsTheCertificateServing() throws Exception {
        int httpPort = FreePorts.loopback();
        AppName hello = AppName.of("hello");
        // 40 s certificates renewed with 90% of their life left: a renewal about 4 s after each issuance.
        try (PebbleCa pebble = PebbleCa.start(pebbleDir, httpPort, Duration.ofSeconds(40));
             Platform platform = start(pebble, httpPort, 0.9, "127.0.0.1", "127.0.0.2")) {
            Cli admin = new Cli(platform.apiPort(), platform.adminToken().token(), home);
            ok(admin, "apps:create", "hello");
            int https = platform.httpsPort();

            String first = await().atMost(Duration.ofSeconds(60)).until(() -> acmeFingerprint(platform, hello),
                    f -> f != null);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(served(pebble, https)).isEqualTo(first));
            String renewed = await().atMost(Duration.ofSeconds(60)).until(() -> acmeFingerprint(platform, hello),
                    f -> f != null && !f.equals(first));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(served(pebble, https))
                    .isNotEqualTo(first));

            // One of Ferry's public addresses as far as the DNS check knows, but nothing answers there: every challenge fails.
            pebble.pointName("hello.apps.test", "127.0.0.2");
            await().atMost(Duration.ofSeconds(60)).until(() -> platform.store().acme().statuses(hello).stream()
                    .anyMatch(s -> s.state() == AcmeHostStatus.State.FAILING));
            String serving = served(pebble, https);
            assertThat(platform.store().certificates().certificates(hello)).extracting(Certificate::fingerprint)
                    .containsExactly(serving); // the last good certificate is still the one served
            assertThat(serving).isNotEqualTo(first);
            assertThat(renewed).isNotNull();

            CommandRunner.Result certs = ok(admin, "certs", "-a", "hello");
            assertThat(certs.out()).contains("hello.apps.test: ACME failing (")
                    .contains("the current certificate keeps serving").contains("127.0.0.2");
            assertThat(platform.store().events(hello, Page.FIRST).items())
                    .anySatisfy(e -> {
                        assertThat(e.action()).isEqualTo(EventAction.ACME_FAIL);
                        assertThat(e.detail()).contains("hello.apps.test");
                    });
            CommandRunner.Result logs = ok(admin, "logs", "-a", "hello", "-n", "200");
            assertThat(logs.out()).contains("ACME certificate for hello.apps.test failed")
                    .contains("the current certificate keeps serving");
        }
    }

    @Test
    void tlsAlpn01OnTheHttpsPortGetsACertificateWhenTheHttpPortIsNotReachable() throws Exception {
        int unreachableHttp = FreePorts.loopback(); // where Pebble would check HTTP-01: nothing listens
        int https = FreePorts.loopback();
        try (PebbleCa pebble = PebbleCa.start(pebbleDir, unreachableHttp, https, Duration.ofHours(1))) {
            AcmeConfig acme = PebbleAcme.config(pebble, dataDir.resolve("acme/account.pem"))
                    .withChallenge(AcmeChallenge.TLS_ALPN_01);
            try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir).toBuilder().domain("apps.test")
                    .httpsPort(https).acme(Optional.of(acme)).build());
                 Backend backend = Backend.start("hello")) {
                Cli admin = new Cli(platform.apiPort(), platform.adminToken().token(), home);
                ok(admin, "apps:create", "hello");
                ok(admin, "routes:add", "hello.apps.test", backend.url(), "--force");

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    CurlResult served = curl(pebble.rootPem(), "hello.apps.test", https);
                    assertThat(served.exit()).as(served.out() + pebble.log()).isZero();
                    assertThat(served.out()).contains("SSL connection using TLSv1.3").contains("backend hello")
                            .contains("issuer: CN=Pebble Intermediate CA");
                });
                assertThat(platform.store().acme().tlsAlpnChallenges()).isEmpty(); // removed once proved
                assertThat(platform.store().acme().challenges()).isEmpty(); // no HTTP-01 was used
            }
        }
    }

    private static String acmeFingerprint(Platform platform, AppName app) {
        return platform.store().certificates().certificates(app).stream()
                .filter(c -> c.source() == CertificateSource.ACME).map(Certificate::fingerprint).findFirst()
                .orElse(null);
    }

    /** The fingerprint of the certificate the router serves for {@code hello.apps.test}, verified against Pebble's root. */
    private static String served(PebbleCa pebble, int port) throws Exception {
        return servedFingerprint(pebble.rootPem(), "hello.apps.test", port);
    }
}
