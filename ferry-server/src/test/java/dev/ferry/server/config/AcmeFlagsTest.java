package dev.ferry.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.control.acme.AcmeChallenge;
import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.control.acme.DnsCheckConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

    @Test
    void trustCaIsTheIssuesNameOfTheCaFileAndTheFormerNameStillWorks() throws Exception {
        Path ca = caFile();
        assertThat(resolve(Map.of(), Map.of("--acme-directory", "https://127.0.0.1:14000/dir", "--acme-trust-ca",
                ca.toString())).acme().orElseThrow().trustedCa()).contains(ca);
        assertThat(resolve(Map.of("FERRY_ACME_TRUST_CA", ca.toString(), "FERRY_ACME_EMAIL", "ops@example.com"),
                Map.of()).acme().orElseThrow().trustedCa()).contains(ca);
        assertThat(resolve(Map.of("FERRY_ACME_CA_CERT", ca.toString(), "FERRY_ACME_EMAIL", "ops@example.com"),
                Map.of()).acme().orElseThrow().trustedCa()).contains(ca);
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--acme-trust-ca", ca.toString())))
                .hasMessageContaining("--acme-trust-ca trusts the CA of an ACME directory, but ACME is off");
    }

    @Test
    void theDnsCheckUsesTheSystemsResolverAndTheAppsDomainUnlessToldOtherwise() throws Exception {
        AcmeConfig plain = resolve(Map.of("FERRY_ACME_EMAIL", "ops@example.com"), Map.of()).acme().orElseThrow();
        assertThat(plain.dns()).isEqualTo(DnsCheckConfig.DEFAULT);

        AcmeConfig named = resolve(Map.of("FERRY_PUBLIC_ADDRESS", "203.0.113.7, 2001:db8::7"),
                Map.of("--acme-email", "ops@example.com", "--dns-resolver", "127.0.0.1:8053")).acme().orElseThrow();
        assertThat(named.dns().resolver()).contains(new InetSocketAddress("127.0.0.1", 8053));
        assertThat(named.dns().publicAddresses()).containsExactly(InetAddress.getByName("203.0.113.7"),
                InetAddress.getByName("2001:db8::7"));
        assertThat(resolve(Map.of(), Map.of("--acme-email", "ops@example.com", "--dns-resolver", "[::1]:53"))
                .acme().orElseThrow().dns().resolver()).contains(new InetSocketAddress("::1", 53));
    }

    @Test
    void theChallengeIsHttp01UnlessTlsAlpn01IsAskedFor() {
        assertThat(resolve(Map.of("FERRY_ACME_EMAIL", "ops@example.com"), Map.of()).acme().orElseThrow().challenge())
                .isEqualTo(AcmeChallenge.HTTP_01);
        assertThat(resolve(Map.of("FERRY_ACME_CHALLENGE", "TLS-ALPN-01"), Map.of("--acme-email", "ops@example.com"))
                .acme().orElseThrow().challenge()).isEqualTo(AcmeChallenge.TLS_ALPN_01);
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--acme-email", "ops@example.com", "--acme-challenge",
                "dns-01"))).hasMessage("--acme-challenge='dns-01' is not an ACME challenge Ferry answers: http-01 or"
                + " tls-alpn-01");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--acme-challenge", "tls-alpn-01")))
                .hasMessageContaining("but ACME is off");
    }

    @Test
    void refusesABadResolverOrPublicAddressAndBothWithoutAcme() {
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--acme-email", "ops@example.com", "--dns-resolver",
                "127.0.0.1"))).hasMessage("--dns-resolver='127.0.0.1' is not a DNS server's HOST:PORT such as 127.0.0.1:53");
        assertThatThrownBy(() -> resolve(Map.of("FERRY_DNS_RESOLVER", "127.0.0.1:99999"),
                Map.of("--acme-email", "ops@example.com"))).hasMessageStartingWith("FERRY_DNS_RESOLVER='127.0.0.1:99999'");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--acme-email", "ops@example.com", "--public-address",
                "203.0.113.7,ferry.example.com"))).hasMessageContaining("--public-address='203.0.113.7,ferry.example.com'"
                + " is not a list of IP addresses such as 203.0.113.7,2001:db8::7 (ferry.example.com)");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--dns-resolver", "127.0.0.1:53")))
                .hasMessageContaining("but ACME is off");
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
