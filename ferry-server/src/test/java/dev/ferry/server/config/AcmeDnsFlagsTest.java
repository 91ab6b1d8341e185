package dev.ferry.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.control.dns.Rfc2136Config;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flags of the wildcard certificate's DNS provider on {@code ferry up} and {@code ferry control}. */
class AcmeDnsFlagsTest {

    @TempDir
    Path home;

    private FerryConfig resolve(Map<String, String> env, Map<String, String> flags) {
        return new FerryConfigResolver(env, home).resolve(flags);
    }

    private Path keyFile() throws Exception {
        return Files.writeString(home.resolve("tsig.key"), """
                key "ferry-acme" {
                	algorithm hmac-sha256;
                	secret "yH6m7m4bqk1Hn2mMZ0eXb6oWk3lqVhJ1cm8vWw4y2aQ=";
                };
                """);
    }

    private Map<String, String> flags(String... pairs) {
        Map<String, String> m = new HashMap<>(Map.of("--acme-directory", "https://127.0.0.1:14000/dir",
                "--domain", "apps.example.com"));
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void noProviderUnlessNamed() {
        assertThat(resolve(Map.of(), flags()).acmeDns()).isEmpty();
    }

    @Test
    void rfc2136WithItsServerKeyAndTheAppsDomainAsZone() throws Exception {
        Rfc2136Config dns = resolve(Map.of(), flags("--acme-dns-provider", "rfc2136",
                "--acme-dns-server", "127.0.0.1:5353", "--acme-dns-tsig-file", keyFile().toString()))
                .acmeDns().orElseThrow();
        assertThat(dns.server()).isEqualTo(new InetSocketAddress("127.0.0.1", 5353));
        assertThat(dns.zone()).isEqualTo("apps.example.com");
        assertThat(dns.key().name()).isEqualTo("ferry-acme");
        assertThat(dns.key().algorithm()).isEqualTo("hmac-sha256");
        assertThat(dns.recordTtl()).isEqualTo(Rfc2136Config.DEFAULT_RECORD_TTL);

        Rfc2136Config fromEnv = resolve(Map.of("FERRY_ACME_DNS_PROVIDER", "rfc2136", "FERRY_ACME_DNS_SERVER",
                "127.0.0.1", "FERRY_ACME_DNS_ZONE", "Example.COM.", "FERRY_ACME_DNS_TSIG_FILE", keyFile().toString()),
                flags()).acmeDns().orElseThrow();
        assertThat(fromEnv.server().getPort()).isEqualTo(53);
        assertThat(fromEnv.zone()).isEqualTo("example.com");
    }

    @Test
    void refusesHalfGivenOrWrongSettingsNamingTheFlag() throws Exception {
        String key = keyFile().toString();
        assertThatThrownBy(() -> resolve(Map.of(), flags("--acme-dns-provider", "route53")))
                .hasMessageContaining("--acme-dns-provider").hasMessageContaining("the one there is: rfc2136");
        assertThatThrownBy(() -> resolve(Map.of(), flags("--acme-dns-provider", "rfc2136", "--acme-dns-tsig-file", key)))
                .hasMessageContaining("needs --acme-dns-server HOST[:PORT]");
        assertThatThrownBy(() -> resolve(Map.of(), flags("--acme-dns-server", "127.0.0.1:53")))
                .hasMessageContaining("none is named: give --acme-dns-provider rfc2136 too");
        assertThatThrownBy(() -> resolve(Map.of(), flags("--acme-dns-provider", "rfc2136", "--acme-dns-server",
                "127.0.0.1:99999", "--acme-dns-tsig-file", key)))
                .hasMessageContaining("--acme-dns-server").hasMessageContaining("is not a DNS server as HOST or HOST:PORT");
        assertThatThrownBy(() -> resolve(Map.of(), flags("--acme-dns-provider", "rfc2136", "--acme-dns-server",
                "127.0.0.1", "--acme-dns-tsig-file", key, "--acme-dns-zone", "other.org")))
                .hasMessageContaining("--acme-dns-zone other.org does not hold the apps' domain apps.example.com");
        assertThatThrownBy(() -> resolve(Map.of(), flags("--acme-dns-provider", "rfc2136", "--acme-dns-server",
                "127.0.0.1", "--acme-dns-tsig-file", home.resolve("missing.key").toString())))
                .hasMessageContaining("--acme-dns-tsig-file").hasMessageContaining("cannot read the TSIG key file");
        Map<String, String> local = flags("--acme-dns-provider", "rfc2136", "--acme-dns-server", "127.0.0.1",
                "--acme-dns-tsig-file", key);
        local.remove("--domain");
        assertThatThrownBy(() -> resolve(Map.of(), local)).hasMessageContaining("*.localhost, which no CA issues");
        Map<String, String> noAcme = flags("--acme-dns-provider", "rfc2136", "--acme-dns-server", "127.0.0.1",
                "--acme-dns-tsig-file", key);
        noAcme.remove("--acme-directory");
        assertThatThrownBy(() -> resolve(Map.of(), noAcme)).hasMessageContaining("but ACME is off");
    }
}
