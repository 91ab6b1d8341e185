package dev.ferry.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.store.sql.ConfigKey;
import dev.ferry.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealed document control nodes publish for separate routers: opened whole with the fleet's key, or refused. */
class TlsDocumentTest {

    private static final TestPki PKI = new TestPki();
    private static final ServingCertificate HELLO = TestPki.serving(AppName.of("hello"), PKI.leaf("hello.localhost"), PKI.root());
    private static final ServingCertificate OTHER = TestPki.serving(AppName.of("other"), PKI.leaf("other.localhost"), PKI.root());
    private static final ServingSet SET = new ServingSet(List.of(HELLO, OTHER),
            Map.of("hello.localhost", new HttpsSettings(true, 31536000, false)), Map.of("other.localhost", "token.thumb"));

    private static RouterCertificateKey key(int fill) {
        byte[] secret = new byte[ConfigKey.KEY_BYTES];
        java.util.Arrays.fill(secret, (byte) fill);
        return RouterCertificateKey.derivedFrom(secret);
    }

    @Test
    void opensWholeWithTheSameKeyAndKeepsNoKeyInTheClear() {
        String json = TlsDocument.seal(SET, key(1)).toJson();
        assertThat(json).doesNotContain(HELLO.privateKeyPem().lines().skip(1).findFirst().orElseThrow());

        ServingSet opened = TlsDocument.parse(json).open(key(1));

        assertThat(opened.certificates()).extracting(ServingCertificate::privateKeyPem)
                .containsExactlyInAnyOrder(HELLO.privateKeyPem(), OTHER.privateKeyPem());
        assertThat(opened.certificates()).extracting(s -> s.certificate().fingerprint())
                .containsExactlyInAnyOrder(HELLO.certificate().fingerprint(), OTHER.certificate().fingerprint());
        assertThat(opened.settingsByHost()).isEqualTo(SET.settingsByHost());
        assertThat(opened.tlsAlpnChallenges()).isEqualTo(SET.tlsAlpnChallenges());
    }

    @Test
    void theDigestNamesTheContentNotTheSealing() {
        TlsDocument first = TlsDocument.seal(SET, key(1));
        TlsDocument again = TlsDocument.seal(new ServingSet(List.of(OTHER, HELLO), SET.settingsByHost(),
                SET.tlsAlpnChallenges()), key(1));
        assertThat(again.toJson()).as("fresh IVs").isNotEqualTo(first.toJson());
        assertThat(again.digest()).isEqualTo(first.digest());
        assertThat(TlsDocument.seal(new ServingSet(List.of(HELLO), Map.of(), Map.of()), key(1)).digest())
                .isNotEqualTo(first.digest());
    }

    @Test
    void anotherKeyIsRefusedNamingBothFingerprints() {
        TlsDocument document = TlsDocument.parse(TlsDocument.seal(SET, key(1)).toJson());
        assertThatThrownBy(() -> document.open(key(2))).isInstanceOf(TlsDocumentRefused.class)
                .hasMessageContaining(key(1).fingerprint()).hasMessageContaining(key(2).fingerprint());
    }

    @Test
    void aKeyMovedToAnotherCertificateOrAnAlteredSettingRefusesTheWhole() {
        TlsDocument sealed = TlsDocument.seal(SET, key(1));
        var certs = sealed.certificates();
        var swapped = List.of(withKey(certs.get(0), certs.get(1).sealedKey()), withKey(certs.get(1), certs.get(0).sealedKey()));
        TlsDocument moved = new TlsDocument(1, sealed.keyFingerprint(), sealed.digest(), swapped, sealed.https(),
                sealed.tlsAlpnChallenges());
        assertThatThrownBy(() -> moved.open(key(1))).isInstanceOf(TlsDocumentRefused.class)
                .hasMessageContaining("does not open");

        TlsDocument forceOff = new TlsDocument(1, sealed.keyFingerprint(), sealed.digest(), certs,
                Map.of("hello.localhost", HttpsSettings.OFF), sealed.tlsAlpnChallenges());
        assertThatThrownBy(() -> forceOff.open(key(1))).isInstanceOf(TlsDocumentRefused.class)
                .hasMessageContaining("altered");
    }

    @Test
    void whatIsNotADocumentOfThisFormatIsRefusedSayingWhy() {
        assertThatThrownBy(() -> TlsDocument.parse("not json")).isInstanceOf(TlsDocumentRefused.class)
                .hasMessageContaining("not a TLS document");
        String json = TlsDocument.seal(SET, key(1)).toJson().replace("\"version\":1", "\"version\":2");
        assertThatThrownBy(() -> TlsDocument.parse(json)).isInstanceOf(TlsDocumentRefused.class)
                .hasMessageContaining("format is 2");
    }

    @Test
    void aRouterNeverMakesAKeyFileAndNamesOneThatIsMissingOrBad(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> RouterCertificateKey.of(ConfigKey.file(dir.resolve("fleet.key"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fleet.key does not exist");
        assertThat(dir.resolve("fleet.key")).doesNotExist();
        Files.writeString(dir.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> RouterCertificateKey.of(ConfigKey.file(dir.resolve("short.key"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 16 bytes");
        byte[] secret = new byte[ConfigKey.KEY_BYTES];
        Files.writeString(dir.resolve("ok.key"), Base64.getEncoder().encodeToString(secret));
        assertThat(RouterCertificateKey.of(ConfigKey.file(dir.resolve("ok.key"))).fingerprint())
                .isEqualTo(RouterCertificateKey.derivedFrom(secret).fingerprint());
    }

    private static TlsDocument.SealedCertificate withKey(TlsDocument.SealedCertificate c, String sealedKey) {
        return new TlsDocument.SealedCertificate(c.name(), c.app(), c.hosts(), c.subject(), c.issuer(), c.notBefore(),
                c.notAfter(), c.addedAt(), c.fingerprint(), c.source(), c.chainPem(), sealedKey);
    }
}
