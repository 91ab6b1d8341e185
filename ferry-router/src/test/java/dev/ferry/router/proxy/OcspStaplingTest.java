package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.core.retry.Backoff;
import dev.ferry.router.Router;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.Transport;
import dev.ferry.router.tls.MutableTlsSource;
import dev.ferry.router.tls.OcspConfig;
import dev.ferry.router.tls.OcspStapler;
import dev.ferry.router.tls.TlsConfig;
import dev.ferry.testing.FreePorts;
import dev.ferry.testing.OcspTestCa;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * OCSP stapling on the HTTPS listener with BoringSSL: a CA made with openssl whose leaves name a real responder
 * ({@code openssl ocsp -index}), and {@code openssl s_client -status} seeing the response in the handshake. A responder
 * that is down staples nothing, never fails or delays a handshake, is logged once and asked again until it answers.
 */
class OcspStaplingTest {

    @TempDir
    Path dir;

    private final MutableTlsSource source = new MutableTlsSource();
    private final EventLoopGroup group = new Transport(false).newGroup(1, "test-router");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger staplerLog = (Logger) LoggerFactory.getLogger(OcspStapler.class);
    private OcspTestCa ca;
    private Router router;

    @BeforeEach
    void start() throws Exception {
        ca = new OcspTestCa(dir.resolve("ca"), 10);
        logged.start();
        staplerLog.addAppender(logged);
        OcspConfig ocsp = new OcspConfig(true, Duration.ofSeconds(5),
                Backoff.doubling(Duration.ofMillis(200), Duration.ofMillis(400)), Duration.ofHours(1));
        router = new Router(RouterConfig.builder().httpPort(0).shutdownGracePeriod(Duration.ofMillis(100)).build(),
                new FixedRoutes(), new Transport(false), group, new SimpleMeterRegistry(), e -> { },
                TlsConfig.of(0, dir.resolve("default.p12")).withOcsp(ocsp), source);
        router.start();
    }

    @AfterEach
    void stop() {
        staplerLog.detachAppender(logged);
        router.close();
        ca.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void staplesTheRespondersAnswerToTheHandshake() throws Exception {
        int responder = ca.answerOn(0);
        source.put(ca.issue("ocsp.example.test", responder));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ca.requests()).isPositive());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String out = ca.sClientStatus(router.httpsPort(), "ocsp.example.test");
            assertThat(out).contains("OCSP Response Status: successful", "Cert Status: good",
                    "Verify return code: 0 (ok)");
        });
        int asked = ca.requests();
        for (int i = 0; i < 3; i++) {
            assertThat(ca.sClientStatus(router.httpsPort(), "ocsp.example.test")).contains("Cert Status: good");
        }
        assertThat(ca.requests()).as("handshakes are answered from the cache").isEqualTo(asked);
    }

    @Test
    void aResponderThatIsDownStaplesNothingLogsOnceAndIsAskedAgainUntilItAnswers() throws Exception {
        int port = FreePorts.loopback();
        source.put(ca.issue("down.example.test", port));

        String out = ca.sClientStatus(router.httpsPort(), "down.example.test");
        assertThat(out).contains("OCSP response: no response sent", "Verify return code: 0 (ok)");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(warnings()).isEqualTo(1));
        Thread.sleep(1_500); // several retries, 200-400 ms apart
        assertThat(warnings()).as("a failing responder is logged once").isEqualTo(1);

        ca.answerOn(port);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ca.sClientStatus(router.httpsPort(), "down.example.test"))
                        .contains("OCSP Response Status: successful", "Cert Status: good"));
    }

    @Test
    void aCertificateWithoutAResponderIsServedWithoutStapling() throws Exception {
        dev.ferry.testing.TestPki pki = new dev.ferry.testing.TestPki();
        source.put(dev.ferry.testing.TestPki.serving(dev.ferry.core.store.AppName.of("plain"),
                pki.leaf("plain.example.test"), pki.root()));
        String out = ca.sClientStatus(router.httpsPort(), "plain.example.test");
        assertThat(out).contains("OCSP response: no response sent", "subject=CN = plain.example.test");
        assertThat(ca.requests()).isZero();
    }

    private long warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
    }
}
