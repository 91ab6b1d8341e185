package dev.ferry.control.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.retry.Backoff;
import dev.ferry.core.store.AcmeHostStatus;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.User;
import dev.ferry.store.sql.SqliteStore;
import dev.ferry.testing.ChallengeDns;
import dev.ferry.testing.FreePorts;
import dev.ferry.testing.MemoryAppLogs;
import dev.ferry.testing.TestPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuer's choices over a real store, with a CA that cannot be reached (a closed loopback port) and names
 * resolved by Pebble's challenge DNS server (127.0.0.1 for every name unless a test points one elsewhere): which
 * hosts it orders, how it records a failure and backs off, and that it waits for a name's DNS before ordering.
 * Orders that succeed are {@code AcmeTest}'s, against Pebble.
 */
class AcmeIssuerTest {

    @TempDir
    Path dir;

    private SqliteStore store;
    private User admin;
    private final MemoryAppLogs logs = new MemoryAppLogs();
    private AcmeIssuer issuer;
    private ChallengeDns dns;

    @BeforeEach
    void open() throws Exception {
        Assumptions.assumeTrue(ChallengeDns.installed(), "Debian's pebble package (.ci/run installs it)");
        dns = ChallengeDns.start(dir.resolve("dns"));
        store = SqliteStore.openInDataDir(dir);
        admin = store.bootstrapAdmin("admin@example.com").orElseThrow().user();
    }

    @AfterEach
    void close() {
        if (issuer != null) {
            issuer.close();
        }
        store.close();
        if (dns != null) {
            dns.close();
        }
    }

    private void startIssuer() {
        startIssuer(host -> false);
    }

    private void startIssuer(java.util.function.Predicate<String> servedByWildcard) {
        AcmeConfig config = AcmeConfig.of(URI.create("https://127.0.0.1:" + FreePorts.loopback() + "/dir"),
                        Optional.empty(), Optional.empty(), dir.resolve("acme/account.pem"))
                .withTiming(1.0 / 3, Duration.ofMillis(100), Backoff.doubling(Duration.ofMillis(400), Duration.ofSeconds(5)));
        config = config.withDns(config.dns().with(Optional.of(dnsResolver()), List.of())
                .withRecheck(Backoff.doubling(Duration.ofMillis(300), Duration.ofSeconds(5))));
        issuer = new AcmeIssuer(config, store, store.certificates(), store.acme(), new AppHostNames("apps.test"), logs,
                Clock.systemUTC(), servedByWildcard).start();
    }

    private java.net.InetSocketAddress dnsResolver() {
        String[] hostPort = dns.address().split(":");
        return new java.net.InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    }

    private Optional<AcmeHostStatus> status(String app, String host) {
        return store.acme().statuses(AppName.of(app)).stream().filter(s -> s.host().equals(host)).findFirst();
    }

    @Test
    void leavesHostsWithAUsersCertificateAndLocalhostNamesAlone() throws Exception {
        TestPki pki = new TestPki();
        store.createApp(admin.id(), AppName.of("mine"));
        // An ACME certificate from before the user added their own, which covers the same host under another name.
        putValidAcmeCertificate(AppName.of("mine"), "mine.apps.test", "sha256:acme");
        dev.ferry.core.store.ServingCertificate users = TestPki.serving(AppName.of("mine"), pki.leaf("mine.apps.test"),
                pki.root());
        Certificate u = users.certificate();
        store.certificates().putCertificate(new Certificate("my-own", u.app(), u.hostNames(), u.subject(), u.issuer(),
                u.notBefore(), u.notAfter(), u.fingerprint(), u.chainPem(), u.addedAt()), users.privateKeyPem(), admin.id());
        store.createApp(admin.id(), AppName.of("other"));
        store.addDomain(AppName.of("other"), "dev.localhost", admin.id());
        List<Certificate> usersBefore = store.certificates().certificates(AppName.of("mine")).stream()
                .filter(c -> c.source() == CertificateSource.USER).toList();

        startIssuer();
        // A second failure of other.apps.test means a whole sweep, every host of both apps, came before it.
        await().atMost(Duration.ofSeconds(20)).until(() -> status("other", "other.apps.test")
                .filter(s -> s.failures() >= 2).isPresent());

        assertThat(status("mine", "mine.apps.test")).isEmpty(); // never ordered: a user's certificate covers it
        assertThat(status("other", "dev.localhost")).isEmpty(); // no CA can check a .localhost name
        assertThat(store.certificates().certificates(AppName.of("mine"))).isEqualTo(usersBefore) // the ACME one forgotten
                .singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("my-own"));
    }

    @Test
    void aFailedOrderIsRecordedLoggedAndRetriedWithBackoff() {
        store.createApp(admin.id(), AppName.of("hello"));

        startIssuer();
        AcmeHostStatus first = await().atMost(Duration.ofSeconds(20))
                .until(() -> status("hello", "hello.apps.test").orElse(null), s -> s != null);
        AcmeHostStatus second = await().atMost(Duration.ofSeconds(20))
                .until(() -> status("hello", "hello.apps.test").orElse(null), s -> s != null && s.failures() >= 2);

        assertThat(first.state()).isEqualTo(AcmeHostStatus.State.FAILING);
        assertThat(first.failures()).isEqualTo(1);
        assertThat(first.message()).contains("ACME CA at https://127.0.0.1:");
        assertThat(Duration.between(first.updatedAt(), first.nextAttemptAt())).isEqualTo(Duration.ofMillis(400));
        assertThat(Duration.between(second.updatedAt(), second.nextAttemptAt()))
                .isEqualTo(Duration.ofMillis(Math.min(5000, 400L << (second.failures() - 1))));
        assertThat(second.updatedAt()).isAfterOrEqualTo(first.nextAttemptAt());
        assertThat(store.certificates().certificates(AppName.of("hello"))).isEmpty();
        assertThat(logs.texts("acme")).anySatisfy(t -> assertThat(t).startsWith("ACME certificate for hello.apps.test"
                + " failed (1 in a row"));
        assertThat(Files.exists(dir.resolve("acme/account.pem"))).isTrue();
    }

    @Test
    void forgetsTheAcmeCertificateAndOutcomeOfARemovedDomain() {
        AppName hello = AppName.of("hello");
        store.createApp(admin.id(), hello);
        store.addDomain(hello, "www.hello.test", admin.id());
        putValidAcmeCertificate(hello, "www.hello.test", "sha256:www");

        startIssuer();
        await().atMost(Duration.ofSeconds(20)).until(() -> status("hello", "hello.apps.test").isPresent());
        assertThat(store.certificates().certificates(hello)).extracting(Certificate::name).containsExactly("www.hello.test");
        assertThat(status("hello", "www.hello.test")).isEmpty(); // its certificate is not due for renewal

        store.removeDomain(hello, "www.hello.test", admin.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> store.certificates().certificates(hello).isEmpty());
        await().atMost(Duration.ofSeconds(20)).until(() -> status("hello", "hello.apps.test")
                .filter(s -> s.failures() >= 2).isPresent());
        assertThat(store.acme().statuses(hello)).extracting(AcmeHostStatus::host).containsExactly("hello.apps.test");
    }

    @Test
    void leavesTheHostsTheWildcardServesAloneAndForgetsTheirOwnCertificates() {
        AppName hello = AppName.of("hello");
        store.createApp(admin.id(), hello);
        store.addDomain(hello, "www.hello.test", admin.id());
        // Issued over HTTP-01 before the wildcard existed.
        putValidAcmeCertificate(hello, "hello.apps.test", "sha256:own");

        startIssuer(host -> host.endsWith(".apps.test"));
        // A second failure of the custom domain means a whole sweep came before it.
        await().atMost(Duration.ofSeconds(20)).until(() -> status("hello", "www.hello.test")
                .filter(s -> s.failures() >= 2).isPresent());

        assertThat(status("hello", "hello.apps.test")).isEmpty(); // never ordered: the wildcard serves it
        assertThat(store.certificates().certificates(hello)).isEmpty(); // its own ACME certificate forgotten
    }

    @Test
    void ordersNothingUntilTheNameResolvesToFerryAndChecksAgainWithBackoff() throws Exception {
        AppName hello = AppName.of("hello");
        store.createApp(admin.id(), hello);
        dns.pointName("hello.apps.test", "192.0.2.7"); // never contacted: the point is that nothing is ordered

        startIssuer();
        AcmeHostStatus first = await().atMost(Duration.ofSeconds(20))
                .until(() -> status("hello", "hello.apps.test").orElse(null), s -> s != null);
        AcmeHostStatus third = await().atMost(Duration.ofSeconds(20))
                .until(() -> status("hello", "hello.apps.test").orElse(null), s -> s.failures() >= 3);

        assertThat(first.state()).isEqualTo(AcmeHostStatus.State.WAITING_DNS);
        assertThat(first.message()).isEqualTo("hello.apps.test resolves to 192.0.2.7, not Ferry (127.0.0.1)");
        assertThat(Duration.between(first.updatedAt(), first.nextAttemptAt())).isEqualTo(Duration.ofMillis(300));
        assertThat(third.state()).isEqualTo(AcmeHostStatus.State.WAITING_DNS);
        assertThat(Duration.between(third.updatedAt(), third.nextAttemptAt())).isEqualTo(Duration.ofMillis(1200));
        assertThat(store.events(hello, dev.ferry.core.store.Page.FIRST).items())
                .noneMatch(e -> e.action() == dev.ferry.core.store.EventAction.ACME_FAIL);
        assertThat(logs.texts("acme")).filteredOn(t -> t.contains("waits for DNS")).hasSize(1)
                .allSatisfy(t -> assertThat(t).contains("resolves to 192.0.2.7, not Ferry"));
        assertThat(Files.exists(dir.resolve("acme/account.pem"))).isFalse(); // the CA was never asked

        dns.clearName("hello.apps.test");
        AcmeHostStatus ordered = await().atMost(Duration.ofSeconds(20))
                .until(() -> status("hello", "hello.apps.test").orElse(null),
                        s -> s.state() == AcmeHostStatus.State.FAILING);
        assertThat(ordered.message()).contains("ACME CA at https://127.0.0.1:"); // ordered, from a CA that is not there
    }

    @Test
    void ordersNothingForAnAppAcmeIsOffForAndKeepsItsCertificateUntilTurnedBackOn() {
        AppName hello = AppName.of("hello");
        store.createApp(admin.id(), hello);
        store.createApp(admin.id(), AppName.of("other"));
        // Due for renewal (a day left of 90): ordered at once if ACME were on for the app.
        store.acme().putAcmeCertificate(new Certificate("hello.apps.test", hello, List.of("hello.apps.test"),
                "CN=hello.apps.test", "CN=Test CA", java.time.Instant.now().minus(Duration.ofDays(89)),
                java.time.Instant.now().plus(Duration.ofDays(1)), "sha256:old", "chain", java.time.Instant.now(),
                CertificateSource.ACME), "key");
        store.acme().setAutoCertificates(hello, false, admin.id());

        startIssuer();
        // A second failure of other.apps.test means a whole sweep, every host of both apps, came before it.
        await().atMost(Duration.ofSeconds(20)).until(() -> status("other", "other.apps.test")
                .filter(s -> s.failures() >= 2).isPresent());

        assertThat(status("hello", "hello.apps.test")).isEmpty();
        assertThat(store.certificates().certificates(hello)).extracting(Certificate::fingerprint)
                .containsExactly("sha256:old");

        store.acme().setAutoCertificates(hello, true, admin.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> status("hello", "hello.apps.test").isPresent());
        assertThat(status("hello", "hello.apps.test").orElseThrow().state()).isEqualTo(AcmeHostStatus.State.FAILING);
    }

    /** An ACME certificate for {@code host} of {@code app}, valid for 90 more days, as if issued a minute ago. */
    private void putValidAcmeCertificate(AppName app, String host, String fingerprint) {
        java.time.Instant now = java.time.Instant.now();
        store.acme().putAcmeCertificate(new Certificate(host, app, List.of(host), "CN=" + host, "CN=Test CA",
                now.minusSeconds(60), now.plus(Duration.ofDays(90)), fingerprint, "chain", now,
                CertificateSource.ACME), "key");
    }
}
