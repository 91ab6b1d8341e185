package dev.ferry.router.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.TestPki;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class TlsEngineTest {

    private final TestPki pki = new TestPki();
    private final TestPki.Issued leaf = pki.leaf("app.example.test");
    private final TlsConfig config = TlsConfig.of(0, Path.of("unused.p12"));

    @Test
    void usesBoringSslWhenItLoadsAndSaysSo() {
        TlsEngine engine = new TlsEngine(config);
        assertThat(OpenSsl.isAvailable()).as("netty-tcnative-boringssl-static is on the test class path").isTrue();
        assertThat(engine.provider()).isEqualTo(SslProvider.OPENSSL);
        assertThat(engine.describe()).startsWith("OpenSSL engine BoringSSL");
    }

    @Test
    void bothEnginesOfferOnlyTls12And13WithModernSuites() {
        for (SslProvider provider : List.of(SslProvider.OPENSSL, SslProvider.JDK)) {
            SslContext context = new TlsEngine(config, provider)
                    .serverContext(leaf.keys().getPrivate(), List.of(leaf.certificate(), pki.root().certificate()));
            SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
            // Netty's OpenSSL engine always lists the pseudo-protocol SSLv2Hello (a ClientHello's record format);
            // BoringSSL has no SSLv2 and answers such a hello with an alert
            assertThat(Arrays.stream(engine.getEnabledProtocols()).filter(p -> !p.equals("SSLv2Hello")))
                    .as(provider.name()).containsOnly("TLSv1.3", "TLSv1.2");
            assertThat(Arrays.stream(engine.getEnabledCipherSuites())).as(provider.name())
                    .allMatch(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")
                            || s.startsWith("TLS_ECDHE_") && (s.contains("_GCM_") || s.contains("CHACHA20")));
        }
    }

    @Test
    void onlyTheOpenSslEngineStaplesOcspResponsesFerryFetched() {
        assertThat(new TlsEngine(config, SslProvider.OPENSSL).staples()).isTrue();
        assertThat(new TlsEngine(config, SslProvider.JDK).staples()).isFalse();
    }
}
