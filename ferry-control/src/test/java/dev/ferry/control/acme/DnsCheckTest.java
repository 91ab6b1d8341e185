package dev.ferry.control.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.ChallengeDns;
import dev.ferry.testing.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check that a name points at Ferry, asked of a real DNS server (Pebble's challenge server, which answers
 * 127.0.0.1 for every name unless told otherwise) through dnsjava.
 */
class DnsCheckTest {

    @TempDir
    Path dir;

    private ChallengeDns dns;

    @BeforeEach
    void startDns() throws Exception {
        Assumptions.assumeTrue(ChallengeDns.installed(), "Debian's pebble package (.ci/run installs it)");
        dns = ChallengeDns.start(dir);
    }

    @AfterEach
    void stopDns() {
        if (dns != null) {
            dns.close();
        }
    }

    private DnsCheck check(List<InetAddress> publicAddresses) {
        String[] hostPort = dns.address().split(":");
        InetSocketAddress server = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        DnsCheckConfig config = DnsCheckConfig.DEFAULT.with(Optional.of(server), publicAddresses);
        return new DnsCheck(config, "apps.test", NameResolver.of(config.resolver()));
    }

    @Test
    void aNameResolvingToTheAppsDomainsAddressPointsAtFerry() throws Exception {
        assertThat(check(List.of()).whyNotPointingAtFerry("www.hello.test")).isEmpty();

        dns.pointName("www.hello.test", "192.0.2.7");

        assertThat(check(List.of()).whyNotPointingAtFerry("www.hello.test"))
                .contains("www.hello.test resolves to 192.0.2.7, not Ferry (127.0.0.1)");
    }

    @Test
    void givenPublicAddressesWinOverTheAppsDomains() throws Exception {
        dns.pointName("www.hello.test", "192.0.2.7");
        List<InetAddress> ferry = List.of(InetAddress.getByName("192.0.2.7"), InetAddress.getByName("2001:db8::7"));

        assertThat(check(ferry).whyNotPointingAtFerry("www.hello.test")).isEmpty();
        assertThat(check(ferry).whyNotPointingAtFerry("other.hello.test"))
                .contains("other.hello.test resolves to 127.0.0.1, not Ferry (192.0.2.7, 2001:db8:0:0:0:0:0:7)");
    }

    @Test
    void aResolverThatDoesNotAnswerIsSaidSo() {
        InetSocketAddress nothing = new InetSocketAddress("127.0.0.1", FreePorts.loopback());
        DnsCheckConfig config = DnsCheckConfig.DEFAULT.with(Optional.of(nothing), List.of());

        Optional<String> why = new DnsCheck(config, "apps.test", NameResolver.of(config.resolver()))
                .whyNotPointingAtFerry("www.hello.test");

        assertThat(why).hasValueSatisfying(w -> assertThat(w)
                .startsWith("cannot tell where www.hello.test points: the DNS server at 127.0.0.1:"));
    }
}
