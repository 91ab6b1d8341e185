package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateNotFound;
import dev.ferry.core.store.CertificateStore;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.store.StoreUnavailable;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CertificatesTest extends StoreTestSupport {

    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nS3CR3TK3YM4T3R14Lf0rh3ll0\n-----END PRIVATE KEY-----\n";

    private CertificateStore certs;

    @BeforeEach
    void createApps() {
        store.createApp(admin.id(), name("hello"));
        store.createApp(admin.id(), name("other"));
        certs = store.certificates();
    }

    private static Certificate cert(String app, String name, String... hosts) {
        return new Certificate(name, name(app), List.of(hosts), "CN=" + hosts[0], "CN=Test CA",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), "sha256:" + name,
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", Instant.parse("2026-06-01T00:00:00Z"));
    }

    @Test
    void keepsCertificatesWithTheirKeysEncryptedAtRest() throws Exception {
        Certificate stored = certs.putCertificate(cert("hello", "www.hello.test", "www.hello.test", "*.hello.test"),
                KEY, admin.id());

        assertThat(certs.certificates(name("hello"))).containsExactly(stored);
        assertThat(certs.certificates(name("other"))).isEmpty();
        assertThat(certs.servingCertificates()).extracting(ServingCertificate::privateKeyPem).containsExactly(KEY);
        assertThat(certs.servingCertificates().getFirst().toString()).doesNotContain("S3CR3T");
        store.close();
        assertThat(databaseFilesContain("S3CR3TK3YM4T3R14Lf0rh3ll0")).isFalse();
        assertThat(databaseFilesContain("www.hello.test")).isTrue(); // the rows are there, only the key is sealed
        store = SqliteStore.open(dbFile(), keyFile(), clock);
        assertThat(store.certificates().servingCertificates().getFirst().privateKeyPem()).isEqualTo(KEY);
    }

    @Test
    void aKeyCopiedToAnotherCertificatesRowDoesNotDecrypt() throws Exception {
        certs.putCertificate(cert("hello", "a.hello.test", "a.hello.test"), KEY, admin.id());
        certs.putCertificate(cert("other", "b.other.test", "b.other.test"), "-----BEGIN PRIVATE KEY-----\nB\n-----END PRIVATE KEY-----\n",
                admin.id());
        execute("UPDATE certificates SET key_sealed = (SELECT key_sealed FROM certificates WHERE name = 'a.hello.test')"
                + " WHERE name = 'b.other.test'");

        assertThatThrownBy(() -> certs.servingCertificates()).isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void theSameNameReplacesAndRemovalForgets() {
        certs.putCertificate(cert("hello", "www.hello.test", "www.hello.test"), KEY, admin.id());
        Certificate renewed = new Certificate("www.hello.test", name("hello"), List.of("www.hello.test"), "CN=www",
                "CN=Test CA", Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2027-06-01T00:00:00Z"),
                "sha256:renewed", "pem", Instant.parse("2026-06-02T00:00:00Z"));
        certs.putCertificate(renewed, KEY, admin.id());

        assertThat(certs.certificates(name("hello"))).containsExactly(renewed);
        certs.removeCertificate(name("hello"), "www.hello.test", admin.id());
        assertThat(certs.certificates(name("hello"))).isEmpty();
        assertThatThrownBy(() -> certs.removeCertificate(name("hello"), "www.hello.test", admin.id()))
                .isInstanceOf(CertificateNotFound.class).hasMessage("The app hello has no certificate www.hello.test.");
        assertThatThrownBy(() -> certs.certificates(name("nope"))).isInstanceOf(AppNotFound.class);
        assertThat(store.events(name("hello"), Page.FIRST).items()).extracting(Event::action)
                .contains(EventAction.CERT_ADD, EventAction.CERT_REMOVE);
    }

    @Test
    void keepsHttpsSettingsPerAppAndTellsListenersOfEveryChange() {
        AtomicInteger changes = new AtomicInteger();
        certs.onChange(changes::incrementAndGet);
        HttpsSettings on = new HttpsSettings(true, 31_536_000, true);

        assertThat(certs.httpsSettings(name("hello"))).isEqualTo(HttpsSettings.OFF);
        certs.setHttpsSettings(name("hello"), on, admin.id());
        certs.putCertificate(cert("hello", "a.hello.test", "a.hello.test"), KEY, admin.id());
        certs.removeCertificate(name("hello"), "a.hello.test", admin.id());

        assertThat(certs.httpsSettings(name("hello"))).isEqualTo(on);
        assertThat(certs.allHttpsSettings()).isEqualTo(Map.of(name("hello"), on));
        assertThat(changes).hasValue(3);
        certs.setHttpsSettings(name("hello"), HttpsSettings.OFF, admin.id());
        assertThat(certs.allHttpsSettings()).isEmpty();
    }

    /** A custom domain decides which hosts an app's certificate is served for: routers must read them again. */
    @Test
    void addingOrRemovingACustomDomainTellsTheCertificatesListeners() {
        AtomicInteger changes = new AtomicInteger();
        certs.onChange(changes::incrementAndGet);

        store.addDomain(name("hello"), "www.hello.test", admin.id());
        assertThat(changes).hasValue(1);
        store.forceDomain(name("other"), "www.hello.test", false, admin.id());
        assertThat(changes).hasValue(2);
        store.removeDomain(name("other"), "www.hello.test", admin.id());
        assertThat(changes).hasValue(3);
        assertThatThrownBy(() -> store.removeDomain(name("other"), "www.hello.test", admin.id()))
                .isInstanceOf(dev.ferry.core.store.DomainNotFound.class);
        assertThat(changes).as("a refused change tells no one").hasValue(3);
    }

    @Test
    void destroyingTheAppDropsItsCertificatesAndSettings() throws Exception {
        certs.putCertificate(cert("hello", "a.hello.test", "a.hello.test"), KEY, admin.id());
        certs.setHttpsSettings(name("hello"), HttpsSettings.OFF.withForceHttps(true), admin.id());

        store.destroyApp(name("hello"), admin.id());

        assertThat(certs.servingCertificates()).isEmpty();
        assertThat(certs.allHttpsSettings()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM certificates")).isZero();
        assertThat(Files.exists(keyFile())).isTrue();
    }
}
