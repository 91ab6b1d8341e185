package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.handler.TrustedProxies;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedRuleTest {

    private static final TrustedProxies TEN = TrustedProxies.parse(List.of("10.0.0.0/8"));

    private static HttpHeaders forward(String peer, TrustedProxies trusted, String fields) {
        return new Forwarding(peer, trusted).forward("GET / HTTP/1.1\r\n" + fields + "\r\n").headers();
    }

    @Test
    void addsForwardedHeadersForTheClient() {
        long before = System.currentTimeMillis();
        HttpHeaders h = forward("10.1.2.3", TrustedProxies.NONE, "Host: app.localhost:8080\r\n");

        assertThat(h.get("X-Forwarded-For")).isEqualTo("10.1.2.3");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(h.get("X-Forwarded-Port")).isEqualTo("8080");
        assertThat(h.get("X-Forwarded-Host")).isEqualTo("app.localhost:8080");
        assertThat(Long.parseLong(h.get("X-Request-Start"))).isBetween(before, System.currentTimeMillis());
        assertThat(h.get("Via")).isEqualTo("1.1 ferry");
        assertThat(h.get("Forwarded")).isEqualTo("for=10.1.2.3;proto=http;host=\"app.localhost:8080\"");
        assertThat(h.get("X-Real-IP")).isEqualTo("10.1.2.3");
    }

    @Test
    void replacesWhatAnUntrustedPeerSent() {
        HttpHeaders h = forward("10.1.2.3", TrustedProxies.NONE, "Host: app.localhost\r\nX-Forwarded-For: 1.1.1.1\r\n"
                + "X-Forwarded-Proto: https\r\nx-forwarded-port: 1\r\nX-Forwarded-Host: evil\r\n"
                + "Forwarded: for=1.1.1.1;proto=https\r\nforwarded: for=6.6.6.6\r\nX-Real-IP: 1.1.1.1\r\nX-Request-Start: 1\r\n");

        assertThat(h.getAll("X-Forwarded-For")).containsExactly("10.1.2.3");
        assertThat(h.getAll("X-Forwarded-Proto")).containsExactly("http");
        assertThat(h.getAll("X-Forwarded-Port")).containsExactly("8080");
        assertThat(h.getAll("X-Forwarded-Host")).containsExactly("app.localhost");
        assertThat(h.getAll("Forwarded")).containsExactly("for=10.1.2.3;proto=http;host=app.localhost");
        assertThat(h.getAll("X-Real-IP")).containsExactly("10.1.2.3");
        assertThat(h.getAll("X-Request-Start")).singleElement().isNotEqualTo("1");
    }

    @Test
    void appendsToWhatATrustedProxySentAndFindsTheRealClient() {
        HttpHeaders h = forward("10.1.2.3", TEN, "Host: a.localhost\r\nForwarded: for=203.0.113.9;proto=https\r\n"
                + "X-Real-IP: 9.9.9.9\r\nX-Forwarded-For: 198.51.100.1, 203.0.113.9\r\nX-Forwarded-For: 10.0.0.7\r\n"
                + "X-Forwarded-Proto: https\r\n");

        assertThat(h.get("X-Forwarded-For")).isEqualTo("198.51.100.1, 203.0.113.9, 10.0.0.7, 10.1.2.3");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(h.get("Forwarded")).isEqualTo("for=203.0.113.9;proto=https, for=10.1.2.3;proto=http;host=a.localhost");
        assertThat(h.get("X-Real-IP")).isEqualTo("203.0.113.9");
    }

    @Test
    void neverTakesAMadeUpHopForTheRealClient() {
        HttpHeaders h = forward("10.1.2.3", TEN, "Host: a.localhost\r\nX-Forwarded-For: evil.example, 10.0.0.7\r\n");

        assertThat(h.get("X-Real-IP")).isEqualTo("10.0.0.7");
    }

    @Test
    void quotesAndBracketsAnIpv6ClientInForwarded() {
        HttpHeaders h = forward("::1", TrustedProxies.NONE, "Host: [::1]:8080\r\n");

        assertThat(h.get("Forwarded")).isEqualTo("for=\"[0:0:0:0:0:0:0:1]\";proto=http;host=\"[::1]:8080\"");
    }

    @Test
    void appendsItselfToViaWithTheClientsVersion() {
        Forwarding c = new Forwarding("127.0.0.1", TrustedProxies.NONE);

        assertThat(c.forward("GET / HTTP/1.0\r\nHost: a\r\nVia: 1.1 cdn\r\nVia: 1.1 edge\r\n\r\n").headers().get("Via"))
                .isEqualTo("1.1 cdn, 1.1 edge, 1.0 ferry");
    }

    @Test
    void followsTheHostOfEachRequestOnAKeptAliveConnection() {
        Forwarding c = new Forwarding("10.1.2.3", TrustedProxies.NONE);

        assertThat(c.forward("GET / HTTP/1.1\r\nHost: a.localhost\r\n\r\n").headers().get("Forwarded"))
                .isEqualTo("for=10.1.2.3;proto=http;host=a.localhost");
        assertThat(c.forward("GET / HTTP/1.1\r\nHost: a.localhost\r\n\r\n").headers().get("Forwarded"))
                .isEqualTo("for=10.1.2.3;proto=http;host=a.localhost");
        assertThat(c.forward("GET / HTTP/1.1\r\nHost: b.localhost\r\n\r\n").headers().get("Forwarded"))
                .isEqualTo("for=10.1.2.3;proto=http;host=b.localhost");
    }
}
