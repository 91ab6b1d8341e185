package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.tls.Pem;
import dev.ferry.router.Router;
import dev.ferry.router.Transport;
import dev.ferry.router.tls.MutableTlsSource;
import dev.ferry.router.tls.TlsClient;
import dev.ferry.testing.TestPki;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS listener with real handshakes from the JDK's client, curl and openssl, on loopback. */
class HttpsListenerTest {

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();
    private final TestPki.Issued one = pki.leaf("one.example.test");
    private final TestPki.Issued two = pki.leaf("two.example.test");
    private final TestPki.Issued wild = pki.leaf("*.wild.test");
    private final MutableTlsSource source = new MutableTlsSource();
    private final EventLoopGroup group = new Transport(false).newGroup(2, "test-router");
    private final EventLoopGroup backendGroup = new Transport(false).newGroup(1, "test-backend");
    private TestBackend backendOne;
    private TestBackend backendTwo;
    private Router router;

    @BeforeEach
    void start() {
        backendOne = TestBackend.text(backendGroup, "one", "hello from one");
        backendTwo = TestBackend.text(backendGroup, "two", "hello from two");
        source.put(TestPki.serving(AppName.of("one"), one, pki.root()));
        source.put(TestPki.serving(AppName.of("two"), two, pki.root()));
        source.put(TestPki.serving(AppName.of("wild"), wild, pki.root()));
        FixedRoutes routes = new FixedRoutes();
        routes.set(new Route("one.example.test", List.of(backendOne.endpoint()), RoutePolicy.DEFAULT),
                new Route("two.example.test", List.of(backendTwo.endpoint()), RoutePolicy.DEFAULT),
                new Route("a.wild.test", List.of(backendTwo.endpoint()), RoutePolicy.DEFAULT),
                new Route("three.example.test", List.of(backendOne.endpoint()), RoutePolicy.DEFAULT));
        router = HttpsRouters.start(routes, group, dir, source, e -> { });
    }

    @AfterEach
    void stop() {
        router.close();
        backendOne.close();
        backendTwo.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        backendGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void picksTheCertificateBySniName() throws Exception {
        TlsClient.Result r1 = TlsClient.get(router.httpsPort(), "one.example.test", "one.example.test", "/");
        TlsClient.Result r2 = TlsClient.get(router.httpsPort(), "two.example.test", "two.example.test", "/");
        TlsClient.Result rw = TlsClient.get(router.httpsPort(), "a.wild.test", "a.wild.test", "/");

        assertThat(Pem.fingerprint(r1.peer())).isEqualTo(Pem.fingerprint(one.certificate()));
        assertThat(r1.status()).isEqualTo(200);
        assertThat(r1.response()).contains("hello from one");
        assertThat(Pem.fingerprint(r2.peer())).isEqualTo(Pem.fingerprint(two.certificate()));
        assertThat(r2.response()).contains("hello from two");
        assertThat(Pem.fingerprint(rw.peer())).isEqualTo(Pem.fingerprint(wild.certificate()));
        assertThat(rw.status()).isEqualTo(200);
        assertThat(r1.protocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void unknownNameOrNoSniGetsTheDefaultCertificateAnd404() throws Exception {
        TlsClient.Result unknown = TlsClient.get(router.httpsPort(), "nobody.example.test", "nobody.example.test", "/");
        TlsClient.Result none = TlsClient.get(router.httpsPort(), null, "nobody.example.test", "/");

        assertThat(unknown.peer().getSubjectX500Principal().getName()).isEqualTo("CN=Ferry default certificate");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.response()).contains("Ferry-Error: no_such_app");
        assertThat(none.peer().getSubjectX500Principal().getName()).isEqualTo("CN=Ferry default certificate");
        assertThat(none.status()).isEqualTo(404);
        assertThat(Files.exists(dir.resolve("default.p12"))).isTrue();
    }

    @Test
    void aDeeperNameIsNotCoveredByTheWildcard() throws Exception {
        TlsClient.Result deep = TlsClient.get(router.httpsPort(), "x.a.wild.test", "a.wild.test", "/");
        assertThat(deep.peer().getSubjectX500Principal().getName()).isEqualTo("CN=Ferry default certificate");
    }

    @Test
    void addedCertificateIsServedWithoutRestartAndRemovedOneFallsBackToTheDefault() throws Exception {
        TlsClient.Result before = TlsClient.get(router.httpsPort(), "three.example.test", "three.example.test", "/");
        assertThat(before.peer().getSubjectX500Principal().getName()).isEqualTo("CN=Ferry default certificate");

        TestPki.Issued three = pki.leaf("three.example.test");
        source.put(TestPki.serving(AppName.of("three"), three, pki.root()));
        TlsClient.Result after = TlsClient.get(router.httpsPort(), "three.example.test", "three.example.test", "/");
        assertThat(Pem.fingerprint(after.peer())).isEqualTo(Pem.fingerprint(three.certificate()));

        source.remove("three.example.test");
        TlsClient.Result removed = TlsClient.get(router.httpsPort(), "three.example.test", "three.example.test", "/");
        assertThat(removed.peer().getSubjectX500Principal().getName()).isEqualTo("CN=Ferry default certificate");
    }

    @Test
    void theAppIsToldTheRequestCameOverHttps() throws Exception {
        TlsClient.get(router.httpsPort(), "one.example.test", "one.example.test", "/");
        TestBackend.Seen seen = backendOne.requests.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.headers().get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(seen.headers().get("Forwarded")).contains("proto=https");
        assertThat(seen.headers().get("X-Forwarded-Port")).isEqualTo(Integer.toString(router.httpsPort()));
        assertThat(seen.headers().get("Via")).isEqualTo("1.1 ferry");
    }

    @Test
    void plainHttpStillSaysHttp() throws Exception {
        String response = plainGet("one.example.test", "/");
        assertThat(response).startsWith("HTTP/1.1 200");
        TestBackend.Seen seen = backendOne.requests.poll(5, TimeUnit.SECONDS);
        assertThat(seen.headers().get("X-Forwarded-Proto")).isEqualTo("http");
    }

    @Test
    void forceHttpsRedirectsPlainHttpWith308ExceptAcmeChallenges() throws Exception {
        source.settings("one.example.test", HttpsSettings.OFF.withForceHttps(true));

        String redirected = plainGet("one.example.test", "/path?q=1");
        String challenge = plainGet("one.example.test", "/.well-known/acme-challenge/token");
        String other = plainGet("two.example.test", "/");

        assertThat(redirected).startsWith("HTTP/1.1 308 ")
                .contains("Location: https://one.example.test:" + router.httpsPort() + "/path?q=1");
        assertThat(challenge).startsWith("HTTP/1.1 200");
        assertThat(other).startsWith("HTTP/1.1 200");
        TlsClient.Result overTls = TlsClient.get(router.httpsPort(), "one.example.test", "one.example.test", "/path");
        assertThat(overTls.status()).isEqualTo(200);
    }

    @Test
    void answersAcmeChallengesForAnyHostBeforeRoutingAndRedirecting() throws Exception {
        source.settings("one.example.test", HttpsSettings.OFF.withForceHttps(true));
        source.challenge("tok3n_-A", "tok3n_-A.thumbprint");

        String forced = plainGet("one.example.test", "/.well-known/acme-challenge/tok3n_-A");
        String unknownHost = plainGet("nowhere.example.test", "/.well-known/acme-challenge/tok3n_-A");
        String otherToken = plainGet("nowhere.example.test", "/.well-known/acme-challenge/other");

        assertThat(forced).startsWith("HTTP/1.1 200").contains("Content-Type: text/plain")
                .endsWith("\r\n\r\ntok3n_-A.thumbprint");
        assertThat(unknownHost).startsWith("HTTP/1.1 200").endsWith("tok3n_-A.thumbprint");
        assertThat(otherToken).startsWith("HTTP/1.1 404");
        assertThat(backendOne.requests).isEmpty();
    }

    @Test
    void hstsHeaderIsAddedToHttpsResponsesOnly() throws Exception {
        source.settings("one.example.test", HttpsSettings.OFF.withHsts(31_536_000, true));

        TlsClient.Result secure = TlsClient.get(router.httpsPort(), "one.example.test", "one.example.test", "/");
        String plain = plainGet("one.example.test", "/");
        TlsClient.Result other = TlsClient.get(router.httpsPort(), "two.example.test", "two.example.test", "/");

        assertThat(secure.response()).contains("Strict-Transport-Security: max-age=31536000; includeSubDomains");
        assertThat(plain).doesNotContain("Strict-Transport-Security");
        assertThat(other.response()).doesNotContain("Strict-Transport-Security");
    }

    @Test
    void curlVerifiesTheChainAndNegotiatesTls13() throws Exception {
        Path ca = dir.resolve("root.pem");
        Files.writeString(ca, pki.rootPem());
        int port = router.httpsPort();
        Process curl = new ProcessBuilder("curl", "-sS", "-v", "--cacert", ca.toString(), "--resolve",
                "two.example.test:" + port + ":127.0.0.1", "https://two.example.test:" + port + "/")
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(out).isZero();
        assertThat(out).contains("hello from two").contains("TLSv1.3");
    }

    @Test
    void curlRefusesTheDefaultCertificateForAnUnknownName() throws Exception {
        Path ca = dir.resolve("root.pem");
        Files.writeString(ca, pki.rootPem());
        int port = router.httpsPort();
        Process curl = new ProcessBuilder("curl", "-sS", "--cacert", ca.toString(), "--resolve",
                "nobody.example.test:" + port + ":127.0.0.1", "https://nobody.example.test:" + port + "/")
                .redirectErrorStream(true).start();
        curl.getInputStream().readAllBytes();
        assertThat(curl.waitFor()).isEqualTo(60); // curl: peer certificate cannot be authenticated
    }

    @Test
    void refusesTls11AndAcceptsTls12() throws Exception {
        String tls11 = openssl("-tls1_1");
        String tls12 = openssl("-tls1_2");
        assertThat(tls12).contains("Protocol  : TLSv1.2").contains("Verify return code: 0 (ok)");
        assertThat(tls11).contains("alert protocol version").contains("Cipher is (NONE)")
                .contains("no peer certificate available");
    }

    private String openssl(String version) throws IOException, InterruptedException {
        Path ca = dir.resolve("root.pem");
        Files.writeString(ca, pki.rootPem());
        Process p = new ProcessBuilder("openssl", "s_client", version, "-cipher", "DEFAULT@SECLEVEL=0",
                "-connect", "127.0.0.1:" + router.httpsPort(), "-servername", "one.example.test",
                "-CAfile", ca.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private String plainGet(String host, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", router.httpPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
