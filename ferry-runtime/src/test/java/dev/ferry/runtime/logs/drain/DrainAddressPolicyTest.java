package dev.ferry.runtime.logs.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.Drain;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DrainAddressPolicyTest {

    private final DrainAddressPolicy policy = DrainAddressPolicy.publicOnly();

    @ParameterizedTest
    @ValueSource(strings = {"syslog://127.0.0.1:2222", "syslog://localhost:2222", "syslog://[::1]:2222",
            "syslog://2130706433:2222", "syslog://0:2222", "https://0.0.0.0/", "syslog://[::]:514",
            "syslog+tls://127.1.2.3:6514", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
            "http://100.64.0.1/", "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/",
            "http://[fd00::2]/", "syslog://224.0.0.1:514", "syslog://[ff02::1]:514", "http://255.255.255.255/",
            "http://[::ffff:127.0.0.1]/", "http://[::ffff:a00:1]/", "http://[64:ff9b::7f00:1]/",
            "http://[2002:7f00:1::]/", "http://[::127.0.0.1]/"})
    void refusesLoopbackPrivateLinkLocalUnspecifiedAndMulticastTargets(String url) {
        assertThatThrownBy(() -> policy.check(Drain.checkUrl(url)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drains send only to public addresses")
                .hasMessageContaining("--drain-allow");
    }

    @Test
    void refusesTheMachinesOwnAddresses() throws Exception {
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(i.getInetAddresses())) {
                String host = a.getHostAddress().replaceAll("%.*", "");
                String url = "syslog://" + (host.contains(":") ? "[" + host + "]" : host) + ":514";
                assertThatThrownBy(() -> policy.check(Drain.checkUrl(url))).as(url)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void acceptsPublicAddressesWithoutConnecting() {
        policy.check(Drain.checkUrl("syslog+tls://93.184.216.34:6514"));
        policy.check(Drain.checkUrl("https://[2606:2800:220:1:248:1893:25c8:1946]/logs"));
    }

    @Test
    void refusesANameResolvingToALoopbackAddressAmongPublicOnes() throws Exception {
        InetAddress[] answer = {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")};
        DrainAddressPolicy p = DrainAddressPolicy.allowing(List.of(), host -> answer);
        assertThatThrownBy(() -> p.check(Drain.checkUrl("https://logs.example/")))
                .hasMessage("The drain host 'logs.example' is 127.0.0.1, a loopback address: drains send only to"
                        + " public addresses (an admin can allow it with ferry up --drain-allow logs.example:443).");
    }

    @Test
    void allowsExactlyTheHostAndPortAnAdminListed() {
        DrainAddressPolicy p = DrainAddressPolicy.allowing(List.of("127.0.0.1:5514", "[::1]:6514", "LOCALHOST:80"));
        p.check(Drain.checkUrl("syslog://127.0.0.1:5514"));
        p.check(Drain.checkUrl("syslog+tls://[::1]:6514"));
        p.check(Drain.checkUrl("http://localhost/"));
        assertThatThrownBy(() -> p.check(Drain.checkUrl("syslog://127.0.0.1:5515")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.check(Drain.checkUrl("syslog://localhost:5514")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1:514", "host:", ":514", "host:0", "host:65536", "host:http"})
    void refusesAllowEntriesThatAreNotHostAndPort(String entry) {
        assertThatThrownBy(() -> DrainAddressPolicy.allowing(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be HOST:PORT");
    }
}
