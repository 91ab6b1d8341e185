package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.PlatformCertificate;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.store.StoreUnavailable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The platform's own certificates (the wildcard), owned by no app, on SQLite and PostgreSQL. */
class PlatformCertificatesTest extends StoreTestSupport {

    private static final AppName OWNER = new AppName("ferry--wildcard");
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nW1LDC4RDK3YM4T3R14L\n-----END PRIVATE KEY-----\n";

    private static Certificate wildcard(String fingerprint, String notAfter) {
        return new Certificate("*.apps.test", OWNER, List.of("*.apps.test", "apps.test"), "CN=*.apps.test",
                "CN=Pebble Intermediate", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse(notAfter), fingerprint,
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", Instant.parse("2026-01-01T00:00:00Z"),
                CertificateSource.ACME);
    }

    @Test
    void keepsTheWildcardWithItsKeySealedAcrossARestart() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        store.certificates().onChange(changes::incrementAndGet);

        store.acme().putPlatformCertificate(wildcard("sha256:one", "2026-04-01T00:00:00Z"), KEY, "ACME wildcard issued");

        assertThat(changes).hasValue(1);
        assertThat(sealedKeys()).hasSize(1).allSatisfy(sealed ->
                assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("W1LDC4RD"));
        assertThat(count("SELECT COUNT(*) FROM platform_certificates WHERE chain_pem LIKE '%AAAA%'")).isEqualTo(1);
        assertThat(store.certificates().servingCertificates()).isEmpty(); // no app's certificate
        store.close();
        store = reopen(ConfigKey.file(keyFile()));

        ServingCertificate served = store.acme().platformCertificate("*.apps.test").orElseThrow();
        assertThat(served.privateKeyPem()).isEqualTo(KEY);
        assertThat(served.certificate()).isEqualTo(wildcard("sha256:one", "2026-04-01T00:00:00Z"));
        assertThat(store.acme().platformCertificate("*.other.test")).isEmpty();
        assertThat(store.events(Page.FIRST).items()).filteredOn(e -> e.detail().equals("ACME wildcard issued"))
                .extracting(Event::action, e -> e.app().isPresent())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EventAction.ACME_ISSUE, false));
    }

    @Test
    void aKeyOfAnAppsCertificateCopiedIntoTheWildcardsRowDoesNotDecrypt() throws Exception {
        store.createApp(admin.id(), name("hello"));
        store.certificates().putCertificate(new Certificate("*.apps.test", name("hello"), List.of("*.apps.test"),
                "CN=x", "CN=Test CA", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
                "sha256:x", "pem", Instant.parse("2026-01-01T00:00:00Z")), "-----BEGIN PRIVATE KEY-----\nAPP\n",
                admin.id());
        store.acme().putPlatformCertificate(wildcard("sha256:one", "2026-04-01T00:00:00Z"), KEY, "issued");
        execute("UPDATE platform_certificates SET key_sealed = (SELECT key_sealed FROM certificates)");

        assertThatThrownBy(() -> store.acme().platformCertificate("*.apps.test"))
                .isInstanceOf(StoreUnavailable.class).hasMessageContaining("does not decrypt");
    }

    @Test
    void countsFailuresBesideTheCertificateAndARenewalClearsThem() {
        store.acme().recordPlatformFailure("*.apps.test", "ACME wildcard certificate for *.apps.test failed: NOTAUTH");
        assertThat(store.acme().platformCertificates()).containsExactly(new PlatformCertificate("*.apps.test",
                Optional.empty(), 1, Optional.of("ACME wildcard certificate for *.apps.test failed: NOTAUTH"),
                Optional.of(clock.instant())));
        assertThat(store.acme().platformCertificates().getFirst().status(clock.instant()))
                .isEqualTo(PlatformCertificate.Status.MISSING);

        store.acme().putPlatformCertificate(wildcard("sha256:one", "2099-04-01T00:00:00Z"), KEY, "issued");
        store.acme().recordPlatformFailure("*.apps.test", "first");
        store.acme().recordPlatformFailure("*.apps.test", "second");
        PlatformCertificate failing = store.acme().platformCertificates().getFirst();
        assertThat(failing.failures()).isEqualTo(2);
        assertThat(failing.lastFailure()).contains("second");
        assertThat(failing.certificate().orElseThrow().fingerprint()).isEqualTo("sha256:one");
        assertThat(failing.status(clock.instant())).isEqualTo(PlatformCertificate.Status.FAILING);
        assertThat(store.events(Page.FIRST).items()).filteredOn(e -> e.action() == EventAction.ACME_FAIL)
                .hasSize(3).allMatch(e -> e.app().isEmpty());

        store.acme().putPlatformCertificate(wildcard("sha256:two", "2099-07-01T00:00:00Z"), KEY, "renewed");
        PlatformCertificate renewed = store.acme().platformCertificates().getFirst();
        assertThat(renewed.failures()).isZero();
        assertThat(renewed.lastFailure()).isEmpty();
        assertThat(renewed.certificate().orElseThrow().fingerprint()).isEqualTo("sha256:two");
        assertThat(renewed.status(clock.instant())).isEqualTo(PlatformCertificate.Status.SERVING);
    }

    private List<byte[]> sealedKeys() throws Exception {
        try (Connection c = rawConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT key_sealed FROM platform_certificates")) {
            List<byte[]> keys = new java.util.ArrayList<>();
            while (rows.next()) {
                keys.add(rows.getBytes(1));
            }
            return keys;
        }
    }
}
