package dev.ferry.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.control.acme.AcmeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ACME flags of {@code ferry up} and {@code ferry control}, and their environment variables. */
class AcmeFlagsTest {

    @TempDir
    Path home;

    private FerryConfig resolve(Map<String, String> env, Map<String, String> flags) {
        return new FerryConfigResolver(env, home).resolve(flags);
    }

    @Test
    void acmeIsOffUnlessADirectoryOrAnEmailIsGiven() {
        assertThat(resolve(Map.of(), Map.of()).acme()).isEmpty();
    }

    @Test
    void anEmailAloneMeansLetsEncryptsProductionDirectory() {
        AcmeConfig acme = resolve(Map.of("FERRY_ACME_EMAIL", "ops@example.com"), Map.of()).acme().orElseThrow();

        assertThat(acme.directory()).isEqualTo(AcmeConfig.LETS_ENCRYPT);
        assertThat(acme.email()).contains("ops@example.com");
        assertThat(acme.accountKeyFile()).isEqualTo(home.resolve(".ferry/acme/account.pem"));
        assertThat(acme.renewWhenRemaining()).isEqualTo(1.0 / 3);
        assertThat(acme.trustedCa()).isEmpty();
    }

    @Test
    void stagingAndAPrivateDirectoryWithItsCaAndRenewalThreshold() throws Exception {
        assertThat(resolve(Map.of(), Map.of("--acme-staging", "true")).acme().orElseThrow().directory())
                .isEqualTo(AcmeConfig.LETS_ENCRYPT_STAGING);
        Path ca = caFile();
        AcmeConfig acme = resolve(Map.of(), Map.of("--acme-directory", "https://127.0.0.1:14000/dir",
                "--acme-ca-cert", ca.toString(), "--acme-renew-remaining", "0.5")).acme().orElseThrow();
        assertThat(acme.directory().toString()).isEqualTo("https://127.0.0.1:14000/dir");
        assertThat(acme.trustedCa()).contains(ca);
        assertThat(acme.renewWhenRemaining()).isEqualTo(0.5);
    }

    @Test
    void refusesABadCaFileNamingItAndWhy() throws Exception {
        Path notPem = Files.writeString(home.resolve("ca.txt"), "hello");

        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--acme-directory", "https://ca.internal/dir",
                "--acme-ca-cert", notPem.toString())))
                .hasMessageContaining("--acme-ca-cert='" + notPem + "'").hasMessageContaining("no PEM certificate");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--acme-directory", "https://ca.internal/dir",
                "--acme-ca-cert", home.resolve("missing.pem").toString())))
                .hasMessageContaining("cannot read");
    }

    @Test
    void refusesContradictoryOrMalformedSettings() throws Exception {
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--acme-staging", "true", "--acme-directory",
                "https://ca.internal/dir"))).hasMessageContaining("give one of them");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--acme-ca-cert", caFile().toString())))
                .hasMessageContaining("ACME is off");
        assertThatThrownBy(() -> resolve(Map.of("FERRY_ACME_EMAIL", "not-an-address"), Map.of()))
                .hasMessageContaining("FERRY_ACME_EMAIL='not-an-address' is not an e-mail address");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--acme-directory", "ftp://ca.internal/dir")))
                .hasMessageContaining("is not an ACME directory URL");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--acme-email", "ops@example.com",
                "--acme-renew-remaining", "2"))).hasMessageContaining("at most 1");
    }

    private Path caFile() throws Exception {
        Path cert = home.resolve("ca.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", home.resolve("ca-key.pem").toString(), "-out", cert.toString(), "-days", "2",
                "-subj", "/CN=Test ACME CA").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        return cert;
    }
}
