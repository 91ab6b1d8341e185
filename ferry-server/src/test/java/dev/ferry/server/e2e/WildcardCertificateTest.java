package dev.ferry.server.e2e;

import static dev.ferry.server.e2e.HttpsProbe.curl;
import static dev.ferry.server.e2e.HttpsProbe.servedFingerprint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.control.dns.Rfc2136Config;
import dev.ferry.control.dns.TsigKey;
import dev.ferry.core.retry.Backoff;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import dev.ferry.core.tls.Pem;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.BindServer;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.FreePorts;
import dev.ferry.testing.PebbleCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wildcard certificate {@code *.<domain>} from the outside: {@code ferry up} with an RFC 2136 DNS provider puts
 * DNS-01 records into a real BIND {@code named} by signed dynamic updates, a real Pebble checks them by asking that
 * {@code named}, and the router serves every name under the apps' domain with the one certificate (curl against
 * Pebble's root), with no per-host order for an app's default host while a custom domain still gets its own over
 * HTTP-01; a wrong TSIG secret fails as an event with the DNS server's reason and the certificate keeps serving. The
 * certificate lives in the store (its key sealed), where admins see it, and a file an older Ferry kept moves in.
 */
class WildcardCertificateTest {

    private static final String DOMAIN = "apps.test";

    @TempDir
    Path dataDir;

    @TempDir
    Path home;

    @TempDir
    Path pebbleDir;

    @TempDir
    Path bindDir;

    @BeforeEach
    void needsPebble() {
        Assumptions.assumeTrue(PebbleCa.installed(), "Debian's pebble package (.ci/run installs it)");
    }

    private Platform start(PebbleCa pebble, BindServer bind, TsigKey key, int httpPort, double renewPart)
            throws Exception {
        AcmeConfig acme = AcmeConfig.of(pebble.directory(), Optional.of("ops@example.com"),
                        Optional.of(pebble.listenerCa()), dataDir.resolve("acme/account.pem"))
                .withTiming(renewPart, Duration.ofMillis(200), Backoff.doubling(Duration.ofSeconds(1),
                        Duration.ofSeconds(2)));
        // the DNS check before an order asks the zone's server, as Pebble does
        acme = acme.withDns(acme.dns().with(Optional.of(bind.address()), java.util.List.of()));
        return Platform.start(FerryConfig.ephemeral(dataDir).toBuilder().domain(DOMAIN).httpPort(httpPort)
                .httpsPort(FerryConfig.EPHEMERAL).acme(Optional.of(acme))
                .acmeDns(Optional.of(Rfc2136Config.of(bind.address(), DOMAIN, key))).build());
    }

    @Test
    void servesEveryNameUnderTheDomainWithOneWildcardProvedOverDns01() throws Exception {
        int httpPort = FreePorts.loopback();
        try (BindServer bind = BindServer.start(bindDir, DOMAIN, "hello.test");
             PebbleCa pebble = PebbleCa.start(pebbleDir, httpPort, Duration.ofHours(1), bind.hostPort());
             Platform platform = start(pebble, bind, TsigKey.read(bind.keyFile()), httpPort, 1.0 / 3);
             Backend backend = Backend.start("hello")) {
            int https = platform.httpsPort();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                String served = curl(pebble.rootPem(), "anything." + DOMAIN, https).transcript();
                assertThat(served).as(served + pebble.log() + bind.log()).contains("SSL connection using TLSv1.3")
                        .contains("subjectAltName: host \"anything.apps.test\" matched cert's \"*.apps.test\"")
                        .contains("issuer: CN=Pebble Intermediate CA").contains("no_such_app");
            });
            // The file is replaced a moment before the event is recorded, and a reload may come in between.
            // (The names in the order asked; the leaf lists them in any order.)
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(platform.store().events(Page.FIRST)
                    .items()).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo(EventAction.ACME_ISSUE);
                assertThat(e.app()).isEmpty();
                assertThat(e.detail()).contains("ACME wildcard certificate for *.apps.test, apps.test issued");
            }));

            Cli admin = new Cli(platform.apiPort(), platform.adminToken().token(), home);
            ok(admin, "apps:create", "hello");
            ok(admin, "routes:add", "hello.apps.test", backend.url(), "--force");
            ok(admin, "domains:add", "www.hello.test", "-a", "hello");
            String hello = curl(pebble.rootPem(), "hello." + DOMAIN, https).transcript();
            assertThat(hello).contains("matched cert's \"*.apps.test\"").contains("backend hello");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    curl(pebble.rootPem(), "www.hello.test", https).transcript())
                    .contains("subjectAltName: host \"www.hello.test\" matched cert's \"www.hello.test\""));
            // The custom domain was ordered over HTTP-01 after the sweeps that saw the app; its default host was not.
            assertThat(platform.store().certificates().certificates(AppName.of("hello")))
                    .extracting(Certificate::name, Certificate::source)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("www.hello.test", CertificateSource.ACME));
            // Kept in the store, its key sealed, not in a file of the data dir; admins see it.
            assertThat(wildcardFile()).doesNotExist();
            assertThat(platform.store().acme().platformCertificate("*." + DOMAIN)).isPresent();
            CommandRunner.Result listed = admin.run("certs", "--platform");
            assertThat(listed.exit()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("*.apps.test").contains("serving").contains("Pebble Intermediate");
        }
    }

    @Test
    void renewsTheWildcardBeforeItExpires() throws Exception {
        int httpPort = FreePorts.loopback();
        // 40 s certificates renewed with 90% of their life left: a renewal about 4 s after each issuance.
        try (BindServer bind = BindServer.start(bindDir, DOMAIN);
             PebbleCa pebble = PebbleCa.start(pebbleDir, httpPort, Duration.ofSeconds(40), bind.hostPort());
             Platform platform = start(pebble, bind, TsigKey.read(bind.keyFile()), httpPort, 0.9)) {
            int https = platform.httpsPort();
            String first = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> served(pebble, "one." + DOMAIN, https), f -> f != null);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> served(pebble, "two." + DOMAIN, https), f -> f != null && !f.equals(first));
            assertThat(platform.store().events(Page.FIRST).items())
                    .filteredOn(e -> e.action() == EventAction.ACME_ISSUE && e.detail().contains("wildcard"))
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aWrongTsigSecretFailsAsAnEventAndTheWildcardKeepsServing() throws Exception {
        int httpPort = FreePorts.loopback();
        try (BindServer bind = BindServer.start(bindDir, DOMAIN);
             PebbleCa pebble = PebbleCa.start(pebbleDir, httpPort, Duration.ofHours(1), bind.hostPort())) {
            TsigKey right = TsigKey.read(bind.keyFile());
            String first;
            try (Platform platform = start(pebble, bind, right, httpPort, 1.0 / 3)) {
                first = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> served(pebble, "one." + DOMAIN, platform.httpsPort()), f -> f != null);
            }
            TsigKey wrong = new TsigKey(right.name(), right.algorithm(), Base64.getEncoder().encodeToString(new byte[32]));
            // Renewal due at once (the whole lifetime counts as "left to renew"), through a key the server refuses.
            try (Platform platform = start(pebble, bind, wrong, httpPort, 1.0)) {
                Event failure = await().atMost(Duration.ofSeconds(60)).until(() -> platform.store().events(Page.FIRST)
                        .items().stream().filter(e -> e.action() == EventAction.ACME_FAIL).findFirst().orElse(null),
                        e -> e != null);
                assertThat(failure.app()).isEmpty();
                assertThat(failure.detail()).contains("ACME wildcard certificate for *.apps.test failed (1 in a row;"
                        + " the current certificate keeps serving").contains("NOTAUTH")
                        .contains("did not accept the TSIG key").contains("--acme-dns-tsig-file");
                assertThat(served(pebble, "two." + DOMAIN, platform.httpsPort())).isEqualTo(first);
                assertThat(platform.store().acme().platformCertificates()).singleElement().satisfies(p -> {
                    assertThat(p.certificate().orElseThrow().fingerprint()).isEqualTo(first);
                    assertThat(p.failures()).isPositive();
                    assertThat(p.lastFailure().orElseThrow()).contains("NOTAUTH");
                });
            }
        }
    }

    @Test
    void movesAWildcardAnOlderFerryKeptInAFileIntoTheStore() throws Exception {
        int httpPort = FreePorts.loopback();
        Path dir = Files.createDirectories(home.resolve("old"));
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out",
                dir.resolve("cert.pem").toString(), "-days", "30", "-subj", "/CN=*." + DOMAIN, "-addext",
                "subjectAltName=DNS:*." + DOMAIN + ",DNS:" + DOMAIN, "-addext", "basicConstraints=critical,CA:FALSE")
                .redirectErrorStream(true).start();
        String made = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(made).isTrue();
        String cert = Files.readString(dir.resolve("cert.pem"));
        Files.createDirectories(wildcardFile().getParent());
        Files.writeString(wildcardFile(), cert + Files.readString(dir.resolve("key.pem")));
        String fingerprint = Pem.fingerprint(Pem.certificates(cert).getFirst());
        try (BindServer bind = BindServer.start(bindDir, DOMAIN);
             PebbleCa pebble = PebbleCa.start(pebbleDir, httpPort, Duration.ofHours(1), bind.hostPort());
             Platform platform = start(pebble, bind, TsigKey.read(bind.keyFile()), httpPort, 1.0 / 3)) {
            assertThat(wildcardFile()).doesNotExist();
            assertThat(platform.store().acme().platformCertificate("*." + DOMAIN).orElseThrow().certificate()
                    .fingerprint()).isEqualTo(fingerprint);
            assertThat(platform.store().events(Page.FIRST).items()).anySatisfy(e ->
                    assertThat(e.detail()).contains("moved from").contains("into the store"));
        }
        // The key is in the database only sealed.
        String keyBody = Files.readString(dir.resolve("key.pem")).lines().filter(l -> !l.startsWith("-----"))
                .findFirst().orElseThrow();
        for (Path file : List.of(dataDir.resolve("ferry.db"), dataDir.resolve("ferry.db-wal"))) {
            if (Files.exists(file)) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(keyBody);
            }
        }
    }

    private Path wildcardFile() {
        return dataDir.resolve("acme/wildcard/" + DOMAIN + ".pem");
    }

    private static void ok(Cli cli, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
    }

    /** The fingerprint of the certificate served for {@code host}, verified against Pebble's root and the name. */
    static String served(PebbleCa pebble, String host, int port) throws Exception {
        return servedFingerprint(pebble.rootPem(), host, port);
    }
}
