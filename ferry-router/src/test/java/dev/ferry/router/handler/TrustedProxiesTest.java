package dev.ferry.router.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void matchesAddressesAndCidrBlocks() throws Exception {
        TrustedProxies t = TrustedProxies.parse(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8", "172.16.0.0/12"));

        assertThat(t.contains(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(t.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(t.contains(InetAddress.getByName("192.168.1.7"))).isTrue();
        assertThat(t.contains(InetAddress.getByName("192.168.1.8"))).isFalse();
        assertThat(t.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(t.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(t.contains(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(TrustedProxies.NONE.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void refusesNamesAndBadPrefixes() {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("proxy.example.com")))
                .hasMessageContaining("proxy.example.com");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33"))).hasMessageContaining("0-32");
    }

    @Test
    void findsTheFirstUntrustedHopFromTheRight() {
        TrustedProxies t = TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8"));

        assertThat(t.firstUntrustedHop("1.1.1.1, 2.2.2.2, 10.0.0.1")).isEqualTo("2.2.2.2");
        assertThat(t.firstUntrustedHop("2001:db8::1, fd00::5,10.0.0.1")).isEqualTo("2001:db8::1");
        assertThat(t.firstUntrustedHop("10.0.0.9, 10.0.0.1")).isEqualTo("10.0.0.9");
        // names and short forms are never looked up nor believed
        assertThat(t.firstUntrustedHop("deadbeef, 10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(t.firstUntrustedHop("1.2, 10.0.0.1")).isEqualTo("10.0.0.1");
    }
}
