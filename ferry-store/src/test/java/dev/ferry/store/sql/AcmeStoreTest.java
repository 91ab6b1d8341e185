package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AcmeHostStatus;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.ServingCertificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcmeStoreTest extends StoreTestSupport {

    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nACM3K3YM4T3R14L\n-----END PRIVATE KEY-----\n";

    private AcmeStore acme;

    @BeforeEach
    void createApp() {
        store.createApp(admin.id(), name("hello"));
        acme = store.acme();
    }

    private static Certificate cert(String host, CertificateSource source, String fingerprint) {
        return new Certificate(host, name("hello"), List.of(host), "CN=" + host, "CN=Pebble Intermediate",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), fingerprint,
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", Instant.parse("2026-01-01T00:00:00Z"),
                source);
    }

    @Test
    void keepsChallengesUntilRemovedAndTellsTheListeners() {
        AtomicInteger changes = new AtomicInteger();
        store.certificates().onChange(changes::incrementAndGet);

        acme.putChallenge("tok-1", "tok-1.thumb");
        acme.putChallenge("tok-2", "tok-2.thumb");
        assertThat(acme.challenges()).isEqualTo(Map.of("tok-1", "tok-1.thumb", "tok-2", "tok-2.thumb"));
        acme.removeChallenge("tok-1");
        acme.removeChallenge("never-there");

        assertThat(acme.challenges()).isEqualTo(Map.of("tok-2", "tok-2.thumb"));
        assertThat(changes).hasValue(3);
    }

    @Test
    void recordsTheWildcardsOutcomesOnNoAppAndTellsTheListeners() {
        AtomicInteger changes = new AtomicInteger();
        store.certificates().onChange(changes::incrementAndGet);

        acme.recordWildcardEvent(EventAction.ACME_FAIL, "ACME wildcard certificate for *.apps.test failed: NOTAUTH");
        acme.recordWildcardEvent(EventAction.ACME_ISSUE, "ACME wildcard certificate for *.apps.test issued");

        assertThat(store.events(Page.FIRST).items()).filteredOn(e -> e.detail().startsWith("ACME wildcard"))
                .extracting(Event::action, e -> e.app().isPresent())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EventAction.ACME_ISSUE, false),
                        org.assertj.core.groups.Tuple.tuple(EventAction.ACME_FAIL, false));
        assertThat(store.events(name("hello"), Page.FIRST).items()).noneMatch(e -> e.detail().startsWith("ACME wildcard"));
        assertThat(changes).hasValue(2);
    }

    @Test
    void keepsTlsAlpnChallengesByHostUntilRemovedAndTellsTheListeners() {
        AtomicInteger changes = new AtomicInteger();
        store.certificates().onChange(changes::incrementAndGet);

        acme.putTlsAlpnChallenge("Hello.Apps.Test", "tok-1.thumb");
        acme.putTlsAlpnChallenge("hello.apps.test", "tok-2.thumb"); // a new order's replaces the former
        acme.putTlsAlpnChallenge("www.hello.test", "tok-3.thumb");
        assertThat(acme.tlsAlpnChallenges()).isEqualTo(Map.of("hello.apps.test", "tok-2.thumb",
                "www.hello.test", "tok-3.thumb"));
        acme.removeTlsAlpnChallenge("hello.apps.test");
        acme.removeTlsAlpnChallenge("never.there");

        assertThat(acme.tlsAlpnChallenges()).isEqualTo(Map.of("www.hello.test", "tok-3.thumb"));
        assertThat(acme.challenges()).isEmpty(); // HTTP-01's are apart
        assertThat(changes).hasValue(4);
    }

    @Test
    void installsAcmeCertificatesNextToUsersOwnWithTheirSource() {
        acme.putAcmeCertificate(cert("hello.apps.test", CertificateSource.ACME, "sha256:one"), KEY);
        acme.putAcmeCertificate(cert("hello.apps.test", CertificateSource.ACME, "sha256:two"), KEY); // a renewal

        assertThat(store.certificates().certificates(name("hello"))).singleElement()
                .satisfies(c -> assertThat(c.source()).isEqualTo(CertificateSource.ACME))
                .satisfies(c -> assertThat(c.fingerprint()).isEqualTo("sha256:two"));
        assertThat(store.certificates().servingCertificates()).extracting(ServingCertificate::privateKeyPem)
                .containsExactly(KEY);
        assertThat(store.events(name("hello"), Page.FIRST).items()).extracting(Event::action)
                .contains(EventAction.ACME_ISSUE);
    }

    @Test
    void neverReplacesAUsersCertificate() {
        Certificate users = cert("www.hello.test", CertificateSource.USER, "sha256:users");
        store.certificates().putCertificate(users, KEY, admin.id());

        assertThatThrownBy(() -> acme.putAcmeCertificate(cert("www.hello.test", CertificateSource.ACME, "sha256:acme"),
                KEY)).isInstanceOf(IllegalStateException.class).hasMessageContaining("never replaces");
        assertThat(store.certificates().certificates(name("hello"))).containsExactly(users);
    }

    @Test
    void recordsEachHostsOutcomeAndAFailureAsAnEvent() {
        Instant now = Instant.parse("2026-02-01T00:00:00Z");
        acme.recordStatus(new AcmeHostStatus(name("hello"), "hello.apps.test", AcmeHostStatus.State.VALID, "issued", 0,
                now, now));
        AcmeHostStatus failing = new AcmeHostStatus(name("hello"), "www.hello.test", AcmeHostStatus.State.FAILING,
                "Invalid response from http://www.hello.test/.well-known/acme-challenge/x", 2, now.plusSeconds(120), now);
        acme.recordStatus(failing);

        assertThat(acme.statuses(name("hello"))).extracting(AcmeHostStatus::host, AcmeHostStatus::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hello.apps.test", AcmeHostStatus.State.VALID),
                        org.assertj.core.groups.Tuple.tuple("www.hello.test", AcmeHostStatus.State.FAILING));
        assertThat(acme.allStatuses()).contains(failing);
        assertThat(store.events(name("hello"), Page.FIRST).items()).filteredOn(e -> e.action() == EventAction.ACME_FAIL)
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("www.hello.test", "Invalid response"));
    }

    @Test
    void forgetsAnAppsAcmeStateWithTheApp() {
        acme.recordStatus(new AcmeHostStatus(name("hello"), "hello.apps.test", AcmeHostStatus.State.VALID, "issued", 0,
                Instant.EPOCH, Instant.EPOCH));
        acme.putAcmeCertificate(cert("hello.apps.test", CertificateSource.ACME, "sha256:one"), KEY);

        store.destroyApp(name("hello"), admin.id());

        assertThat(acme.allStatuses()).isEmpty();
        assertThat(store.certificates().servingCertificates()).isEmpty();
    }

    @Test
    void forgetsAFormerHostsAcmeCertificateAndOutcomeButNeverAUsersCertificate() {
        acme.putAcmeCertificate(cert("old.hello.test", CertificateSource.ACME, "sha256:old"), KEY);
        acme.recordStatus(new AcmeHostStatus(name("hello"), "old.hello.test", AcmeHostStatus.State.VALID, "issued", 0,
                Instant.EPOCH, Instant.EPOCH));
        Certificate users = cert("mine.hello.test", CertificateSource.USER, "sha256:users");
        store.certificates().putCertificate(users, KEY, admin.id());

        acme.forgetHost(name("hello"), "old.hello.test");
        acme.forgetHost(name("hello"), "mine.hello.test");

        assertThat(store.certificates().certificates(name("hello"))).containsExactly(users);
        assertThat(acme.statuses(name("hello"))).isEmpty();
    }

    @Test
    void turnsCertificatesOverAcmeOffAndOnPerAppLeavingItsCertificates() {
        store.createApp(admin.id(), name("other"));
        acme.putAcmeCertificate(cert("hello.apps.test", CertificateSource.ACME, "sha256:acme"), KEY);
        assertThat(acme.autoCertificates(name("hello"))).isTrue();
        assertThat(acme.appsWithoutAutoCertificates()).isEmpty();

        acme.setAutoCertificates(name("hello"), false, admin.id());
        acme.setAutoCertificates(name("hello"), false, admin.id()); // no change, no second event

        assertThat(acme.autoCertificates(name("hello"))).isFalse();
        assertThat(acme.autoCertificates(name("other"))).isTrue();
        assertThat(acme.appsWithoutAutoCertificates()).containsExactly(name("hello"));
        assertThat(store.certificates().certificates(name("hello"))).extracting(Certificate::fingerprint)
                .containsExactly("sha256:acme");
        assertThat(store.events(name("hello"), Page.FIRST).items()).extracting(Event::action)
                .containsOnlyOnce(EventAction.ACME_DISABLE);

        acme.setAutoCertificates(name("hello"), true, admin.id());

        assertThat(acme.autoCertificates(name("hello"))).isTrue();
        assertThat(acme.appsWithoutAutoCertificates()).isEmpty();
        assertThat(store.events(name("hello"), Page.FIRST).items()).extracting(Event::action)
                .contains(EventAction.ACME_ENABLE);
        assertThatThrownBy(() -> acme.setAutoCertificates(name("nope"), false, admin.id()))
                .isInstanceOf(dev.ferry.core.store.AppNotFound.class);
    }

    @Test
    void anAppsAcmeSwitchGoesWithTheApp() {
        acme.setAutoCertificates(name("hello"), false, admin.id());
        store.destroyApp(name("hello"), admin.id());

        assertThat(acme.appsWithoutAutoCertificates()).isEmpty();
    }
}
