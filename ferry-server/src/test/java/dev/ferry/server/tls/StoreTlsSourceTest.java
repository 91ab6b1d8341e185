package dev.ferry.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.store.User;
import dev.ferry.store.sql.SqliteStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the router is given from the store: each certificate only for its own app's hosts. */
class StoreTlsSourceTest {

    @TempDir
    Path dir;

    private SqliteStore store;
    private User admin;
    private final StoreTlsSource source = new StoreTlsSource(new AppHostNames("apps.test"));

    @BeforeEach
    void open() {
        store = SqliteStore.openInDataDir(dir);
        admin = store.bootstrapAdmin("admin@example.com").orElseThrow().user();
        store.createApp(admin.id(), AppName.of("app-a"));
        store.createApp(admin.id(), AppName.of("app-b"));
        store.addDomain(AppName.of("app-a"), "a.example.test", admin.id());
        store.addDomain(AppName.of("app-b"), "b.example.test", admin.id());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Certificate cert(String app, String... names) {
        return new Certificate(names[0], AppName.of(app), List.of(names), "CN=x", "CN=ca", Instant.EPOCH,
                Instant.parse("2099-01-01T00:00:00Z"), "sha256:" + app + names[0], "pem", Instant.EPOCH);
    }

    @Test
    void servesAWildcardOnlyForTheHostsOfItsOwnApp() {
        source.attach(store.certificates(), store.acme(), store);
        store.certificates().putCertificate(cert("app-a", "*.example.test", "app-a.apps.test"), "key-a", admin.id());

        List<ServingCertificate> served = source.certificates();

        assertThat(served).hasSize(1);
        assertThat(served.getFirst().certificate().hostNames()).containsExactly("app-a.apps.test", "a.example.test");
        assertThat(served.getFirst().privateKeyPem()).isEqualTo("key-a");
    }

    @Test
    void servesThePlatformsWildcardFromTheStoreWhileItIsValidAndReloadsWhenItChanges() {
        AtomicInteger reloads = new AtomicInteger();
        source.onChange(reloads::incrementAndGet);
        source.attach(store.certificates(), store.acme(), store);
        AppName owner = new AppName("ferry--wildcard");
        store.acme().putPlatformCertificate(new Certificate("*.other.test", owner, List.of("*.other.test"), "CN=x",
                "CN=ca", Instant.EPOCH, Instant.parse("2099-01-01T00:00:00Z"), "sha256:o", "pem", Instant.EPOCH,
                dev.ferry.core.store.CertificateSource.ACME), "key-o", "other domain");
        assertThat(source.certificates()).isEmpty(); // not this router's domain
        int before = reloads.get();

        store.acme().putPlatformCertificate(new Certificate("*.apps.test", owner, List.of("*.apps.test", "apps.test"),
                "CN=x", "CN=ca", Instant.EPOCH, Instant.parse("2099-01-01T00:00:00Z"), "sha256:w", "pem", Instant.EPOCH,
                dev.ferry.core.store.CertificateSource.ACME), "key-w", "issued");

        assertThat(reloads.get()).isGreaterThan(before);
        assertThat(source.certificates()).singleElement().satisfies(w -> {
            assertThat(w.certificate().hostNames()).containsExactly("*.apps.test", "apps.test");
            assertThat(w.privateKeyPem()).isEqualTo("key-w");
        });
        store.acme().putPlatformCertificate(new Certificate("*.apps.test", owner, List.of("*.apps.test"), "CN=x",
                "CN=ca", Instant.EPOCH, Instant.parse("2020-01-01T00:00:00Z"), "sha256:old", "pem", Instant.EPOCH,
                dev.ferry.core.store.CertificateSource.ACME), "key-old", "expired");
        assertThat(source.certificates()).isEmpty();
    }

    @Test
    void servesAnAppsCertificateForItsTunnelsPreviewNameAndNoOtherAppsOne() {
        source.attach(store.certificates(), store.acme(), store);
        store.certificates().putCertificate(cert("app-a", "app-a.apps.test", "app-a--dev.apps.test",
                "app-b--dev.apps.test"), "key-a", admin.id());

        List<ServingCertificate> served = source.certificates();

        assertThat(served).hasSize(1);
        assertThat(served.getFirst().certificate().hostNames())
                .containsExactly("app-a.apps.test", "app-a--dev.apps.test");
    }

    @Test
    void aUsersCertificateWinsOverAnAcmeOneForTheHostsItCovers() {
        source.attach(store.certificates(), store.acme(), store);
        Certificate acme = cert("app-a", "a.example.test");
        store.acme().putAcmeCertificate(new Certificate("acme-a", acme.app(), acme.hostNames(), acme.subject(),
                acme.issuer(), acme.notBefore(), Instant.parse("2199-01-01T00:00:00Z"), "sha256:acme", "pem",
                Instant.EPOCH, dev.ferry.core.store.CertificateSource.ACME), "key-acme");
        assertThat(source.certificates()).extracting(sc -> sc.certificate().fingerprint()).containsExactly("sha256:acme");

        store.certificates().putCertificate(cert("app-a", "a.example.test"), "key-user", admin.id());

        assertThat(source.certificates()).extracting(ServingCertificate::privateKeyPem).containsExactly("key-user");
    }

    @Test
    void leavesOutACertificateThatCoversNoneOfItsAppsHostsAnyMore() {
        store.certificates().putCertificate(cert("app-a", "a.example.test"), "key-a", admin.id());
        source.attach(store.certificates(), store.acme(), store);
        assertThat(source.certificates()).hasSize(1);

        store.removeDomain(AppName.of("app-a"), "a.example.test", admin.id());

        assertThat(source.certificates()).isEmpty();
    }

    @Test
    void appliesAnAppsSettingsToEachOfItsHostsAndItsTunnelAndTellsOfChanges() {
        AtomicInteger told = new AtomicInteger();
        source.onChange(told::incrementAndGet);
        assertThat(source.settingsByHost()).isEmpty();
        source.attach(store.certificates(), store.acme(), store);
        HttpsSettings force = HttpsSettings.OFF.withForceHttps(true);

        store.certificates().setHttpsSettings(AppName.of("app-b"), force, admin.id());

        assertThat(source.settingsByHost()).isEqualTo(Map.of("app-b.apps.test", force, "b.example.test", force,
                "app-b--dev.apps.test", force));
        assertThat(told).hasValue(2); // once when attached, once for the change
    }

    @Test
    void readsAgainAfterAnAppIsDestroyedOrRenamedWhichNoCertificateListenerHears() throws Exception {
        AtomicInteger reloads = new AtomicInteger();
        source.onChange(reloads::incrementAndGet);
        source.attach(store.certificates(), store.acme(), store);
        store.certificates().putCertificate(cert("app-b", "app-b.apps.test"), "key-b", admin.id());
        int before = reloads.get();

        store.renameApp(AppName.of("app-a"), AppName.of("app-c"), admin.id());
        source.appChanges().moveDataOf(AppName.of("app-a"), AppName.of("app-c"));
        assertThat(reloads.get()).isEqualTo(before + 1);

        var destroyed = store.destroyApp(AppName.of("app-b"), admin.id());
        source.appChanges().removeDataOf(destroyed);
        assertThat(reloads.get()).isEqualTo(before + 2);
        assertThat(source.certificates()).as("the destroyed app's certificate went with it").isEmpty();
    }
}
