package dev.ferry.server.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UpCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void refusesInOneLineToStartWithAStoreWhoseKeyIsMissing() throws Exception {
        try (Platform first = Platform.start(FerryConfig.ephemeral(dataDir))) {
            assertThat(first.store().users()).hasSize(1);
        }
        Files.delete(dataDir.resolve("secret.key"));

        CommandLine up = new CommandLine(new UpCommand());
        StringWriter err = new StringWriter();
        up.setErr(new PrintWriter(err, true));
        up.setOut(new PrintWriter(new StringWriter(), true));
        int exit = up.execute("--data-dir", dataDir.toString(), "--http-port", "0", "--api-port", "0",
                "--https-port", "0", "--ssh-port", "0", "--tunnel-port", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("ferry: ").contains("secret key file").doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void aRepeatedPublicAddressAndTheAcmeTrustCaAliasReachTheConfig() throws Exception {
        CommandLine up = new CommandLine(new UpCommand());
        up.parseArgs("--acme-email", "ops@example.com", "--public-address", "203.0.113.7", "--public-address",
                "2001:db8::7,198.51.100.1", "--dns-resolver", "127.0.0.1:8053", "--acme-challenge", "tls-alpn-01");

        FerryConfig config = ForegroundPlatform.resolve(up.getCommandSpec());

        dev.ferry.control.acme.AcmeConfig acme = config.acme().orElseThrow();
        assertThat(acme.dns().publicAddresses()).extracting(java.net.InetAddress::getHostAddress)
                .containsExactly("203.0.113.7", "2001:db8:0:0:0:0:0:7", "198.51.100.1");
        assertThat(acme.dns().resolver()).contains(new java.net.InetSocketAddress("127.0.0.1", 8053));
        assertThat(acme.challenge()).isEqualTo(dev.ferry.control.acme.AcmeChallenge.TLS_ALPN_01);
        assertThat(new CommandLine(new UpCommand()).parseArgs("--acme-ca-cert", "ca.pem").matchedOptions())
                .singleElement().satisfies(o -> assertThat(o.longestName()).isEqualTo("--acme-trust-ca"));
    }
}
