package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.store.AppName;
import dev.ferry.core.tls.Pem;
import dev.ferry.router.Router;
import dev.ferry.router.Transport;
import dev.ferry.router.tls.MutableTlsSource;
import dev.ferry.router.tls.TlsClient;
import dev.ferry.router.tls.TlsClient.Handshake;
import dev.ferry.testing.TestPki;
import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACME's TLS-ALPN-01 (RFC 8737) on the HTTPS listener, with real handshakes from the JDK's client on loopback: a
 * ClientHello offering {@code acme-tls/1} for a host being proved gets the challenge certificate and that protocol;
 * every other client of the host gets its usual certificate.
 */
class TlsAlpnChallengeTest {

    private static final String ACME_IDENTIFIER = "1.3.6.1.5.5.7.1.31";

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();
    private final TestPki.Issued one = pki.leaf("one.example.test");
    private final MutableTlsSource source = new MutableTlsSource();
    private final EventLoopGroup group = new Transport(false).newGroup(2, "test-router");
    private Router router;

    @BeforeEach
    void start() {
        source.put(TestPki.serving(AppName.of("one"), one, pki.root()));
        FixedRoutes routes = new FixedRoutes();
        routes.set(new Route("one.example.test", List.of(), RoutePolicy.DEFAULT));
        router = HttpsRouters.start(routes, group, dir, source, e -> { });
    }

    @AfterEach
    void stop() {
        router.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Handshake handshake(String sni, String... alpn) throws Exception {
        return TlsClient.handshake(router.httpsPort(), sni, alpn);
    }

    @Test
    void answersAcmeTls1WithTheChallengeCertificateOfTheKeyAuthorization() throws Exception {
        source.tlsAlpnChallenge("one.example.test", "tok-1.thumbprint");

        Handshake ca = handshake("one.example.test", "acme-tls/1");

        assertThat(ca.protocol()).isEqualTo("acme-tls/1");
        assertThat(ca.peer().getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1)).containsExactly((Object) "one.example.test");
        assertThat(ca.peer().getCriticalExtensionOIDs()).contains(ACME_IDENTIFIER);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("tok-1.thumbprint".getBytes(StandardCharsets.UTF_8));
        byte[] extnValue = ca.peer().getExtensionValue(ACME_IDENTIFIER); // OCTET STRING { OCTET STRING (32) }
        assertThat(Arrays.copyOfRange(extnValue, 0, 4)).containsExactly((byte) 0x04, (byte) 0x22, (byte) 0x04, (byte) 0x20);
        assertThat(Arrays.copyOfRange(extnValue, 4, extnValue.length)).isEqualTo(digest);
        ca.peer().verify(ca.peer().getPublicKey()); // self-signed
    }

    @Test
    void everyOtherClientOfTheHostGetsItsUsualCertificate() throws Exception {
        source.tlsAlpnChallenge("one.example.test", "tok-1.thumbprint");

        Handshake browser = handshake("one.example.test", "h2", "http/1.1");
        Handshake plain = handshake("one.example.test");

        assertThat(Pem.fingerprint(browser.peer())).isEqualTo(Pem.fingerprint(one.certificate()));
        assertThat(browser.protocol()).isNotEqualTo("acme-tls/1");
        assertThat(Pem.fingerprint(plain.peer())).isEqualTo(Pem.fingerprint(one.certificate()));
    }

    @Test
    void acmeTls1ForAHostWithoutAChallengeOrAfterItsRemovalGetsTheUsualCertificate() throws Exception {
        source.tlsAlpnChallenge("one.example.test", "tok-1.thumbprint");
        assertThat(handshake("one.example.test", "acme-tls/1").protocol()).isEqualTo("acme-tls/1");

        source.removeTlsAlpnChallenge("one.example.test");
        Handshake after = handshake("one.example.test", "acme-tls/1");
        Handshake other = handshake("two.example.test", "acme-tls/1");

        assertThat(Pem.fingerprint(after.peer())).isEqualTo(Pem.fingerprint(one.certificate()));
        assertThat(after.peer().getCriticalExtensionOIDs()).doesNotContain(ACME_IDENTIFIER);
        assertThat(other.peer().getSubjectX500Principal().getName()).isEqualTo("CN=Ferry default certificate");
    }
}
