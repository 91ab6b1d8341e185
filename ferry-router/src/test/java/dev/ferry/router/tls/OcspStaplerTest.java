package dev.ferry.router.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.core.retry.Backoff;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.tls.Pem;
import dev.ferry.testing.MutableClock;
import dev.ferry.testing.OcspTestCa;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The stapler's cache against a real responder: what it hands to handshakes, and for how long. */
class OcspStaplerTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final OcspStapler stapler = new OcspStapler(new OcspConfig(true, Duration.ofSeconds(5),
            Backoff.doubling(Duration.ofMinutes(10), Duration.ofMinutes(10)), Duration.ofHours(1)), clock);
    private OcspTestCa ca;

    @AfterEach
    void stop() {
        stapler.close();
        if (ca != null) {
            ca.close();
        }
    }

    /** A certificate for {@code host} naming the CA's responder, with the test's clock brought to the real time. */
    private ServingCertificate issuedNow(String host) throws Exception {
        ServingCertificate served = ca.issue(host, ca.answerOn(0));
        clock.advance(Duration.between(clock.instant(), Instant.now()));
        return served;
    }

    @Test
    void neverStaplesAResponsePastItsNextUpdateAndForgetsCertificatesNoLongerServed() throws Exception {
        ca = new OcspTestCa(dir, 10);
        ServingCertificate served = issuedNow("cache.example.test");
        List<java.security.cert.X509Certificate> chain = Pem.certificates(served.certificate().chainPem());
        String fingerprint = served.certificate().fingerprint();

        assertThat(stapler.track(fingerprint, "cache.example.test", chain)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> stapler.staple(fingerprint) != null);
        assertThat(ca.requests()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(9));
        assertThat(stapler.staple(fingerprint)).as("still within nextUpdate").isNotNull();
        clock.advance(Duration.ofMinutes(2));
        assertThat(stapler.staple(fingerprint)).as("past nextUpdate").isNull();

        stapler.retain(Set.of());
        assertThat(stapler.staple(fingerprint)).isNull();
    }

    @Test
    void acceptsAResponseSignedByTheCasDelegatedResponder() throws Exception {
        ca = new OcspTestCa(dir, 10);
        ca.signByDelegatedResponder();
        ServingCertificate served = issuedNow("delegated.example.test");
        String fingerprint = served.certificate().fingerprint();

        stapler.track(fingerprint, "delegated.example.test", Pem.certificates(served.certificate().chainPem()));

        await().atMost(Duration.ofSeconds(10)).until(() -> stapler.staple(fingerprint) != null);
    }

    @Test
    void refusesAResponseSignedByAnyoneElse() throws Exception {
        ca = new OcspTestCa(dir, 10);
        ca.signByStranger();
        ServingCertificate served = issuedNow("forged.example.test");
        String fingerprint = served.certificate().fingerprint();

        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger log = (Logger) LoggerFactory.getLogger(OcspStapler.class);
        log.addAppender(logged);
        try {
            stapler.track(fingerprint, "forged.example.test", Pem.certificates(served.certificate().chainPem()));
            await().atMost(Duration.ofSeconds(10)).until(() -> logged.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("not signed by the certificate's issuer")));
        } finally {
            log.detachAppender(logged);
        }
        assertThat(stapler.staple(fingerprint)).isNull();
    }

    @Test
    void refreshesHalfwayThroughAResponsesValidity() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        OcspClient.Answer tenMinutes = new OcspClient.Answer(new byte[0], now, now.plus(Duration.ofMinutes(10)), "good");
        OcspClient.Answer endless = new OcspClient.Answer(new byte[0], now, null, "good");
        OcspClient.Answer almostOver = new OcspClient.Answer(new byte[0], now.minus(Duration.ofDays(1)),
                now.plusMillis(10), "good");

        assertThat(stapler.refreshIn(tenMinutes, now)).isEqualTo(Duration.ofMinutes(5));
        assertThat(stapler.refreshIn(endless, now)).isEqualTo(Duration.ofHours(1));
        assertThat(stapler.refreshIn(almostOver, now)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void tracksOnlyChainsWhoseLeafNamesAResponder() {
        dev.ferry.testing.TestPki pki = new dev.ferry.testing.TestPki();
        dev.ferry.testing.TestPki.Issued plain = pki.leaf("plain.example.test");
        assertThat(stapler.track("sha256:plain", "plain", List.of(plain.certificate(), pki.root().certificate())))
                .isFalse();
        assertThat(stapler.track("sha256:alone", "alone", List.of(plain.certificate()))).isFalse();
    }
}
