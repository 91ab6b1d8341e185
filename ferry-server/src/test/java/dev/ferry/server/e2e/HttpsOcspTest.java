package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.store.ServingCertificate;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.OcspTestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCSP stapling from the outside: {@code ferry up}, a certificate that names a real OCSP responder ({@code openssl
 * ocsp}) added with {@code certs:add}, and {@code openssl s_client -status} getting the responder's answer stapled in
 * the handshake on the platform's HTTPS port, without a restart; with {@code --ocsp-stapling off} no responder is asked
 * and nothing is stapled.
 */
class HttpsOcspTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path home;

    @Test
    void staplesTheOcspResponseOfAnAddedCertificate() throws Exception {
        FerryConfig config = FerryConfig.ephemeral(dataDir).toBuilder().httpsPort(FerryConfig.EPHEMERAL).build();
        try (Platform platform = Platform.start(config); OcspTestCa ca = new OcspTestCa(home.resolve("ca"), 10)) {
            addCertificateNamingTheResponder(platform, ca);

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(ca.sClientStatus(platform.httpsPort(), "hello.localhost")).contains(
                            "OCSP Response Status: successful", "Cert Status: good", "Verify return code: 0 (ok)"));
            assertThat(ca.requests()).isPositive();
        }
    }

    @Test
    void staplesNothingAndAsksNoResponderWithOcspStaplingOff() throws Exception {
        FerryConfig config = FerryConfig.ephemeral(dataDir).toBuilder().httpsPort(FerryConfig.EPHEMERAL)
                .ocspStapling(false).build();
        try (Platform platform = Platform.start(config); OcspTestCa ca = new OcspTestCa(home.resolve("ca"), 10)) {
            addCertificateNamingTheResponder(platform, ca);

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(ca.sClientStatus(platform.httpsPort(), "hello.localhost"))
                            .contains("Verify return code: 0 (ok)"));
            // With stapling on, the first handshake with this certificate starts a fetch at once.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> ca.requests() == 0);
            assertThat(ca.sClientStatus(platform.httpsPort(), "hello.localhost"))
                    .contains("OCSP response: no response sent").doesNotContain("OCSP Response Status");
        }
    }

    /** {@code apps:create hello}, then {@code certs:add} of a certificate for hello.localhost naming ca's responder. */
    private void addCertificateNamingTheResponder(Platform platform, OcspTestCa ca) throws Exception {
        Cli admin = new Cli(platform.apiPort(), platform.adminToken().token(), home);
        ok(admin, "apps:create", "hello");
        ServingCertificate issued = ca.issue("hello.localhost", ca.answerOn(0));
        Path chain = Files.writeString(home.resolve("chain.pem"), issued.certificate().chainPem());
        Path key = Files.writeString(home.resolve("key.pem"), issued.privateKeyPem());
        ok(admin, "certs:add", chain.toString(), key.toString(), "-a", "hello");
    }

    private static void ok(Cli cli, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
    }
}
