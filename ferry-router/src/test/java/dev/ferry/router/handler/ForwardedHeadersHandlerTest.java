package dev.ferry.router.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedHeadersHandlerTest {

    /** An embedded channel with real-looking addresses: a client at {@code peer} on listener port 8080. */
    private static EmbeddedChannel channel(String peer, TrustedProxies trusted) throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(false, false) {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress(peer, 40000);
            }

            @Override
            protected SocketAddress localAddress0() {
                return new InetSocketAddress("127.0.0.1", 8080);
            }
        };
        ch.pipeline().addLast(new ForwardedHeadersHandler(trusted, "ferry"));
        ch.register();
        return ch;
    }

    private static HttpHeaders forward(EmbeddedChannel ch, HttpRequest request) {
        ch.writeInbound(request);
        HttpRequest out = ch.readInbound();
        return out.headers();
    }

    private static HttpRequest get(String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        return r;
    }

    @Test
    void addsForwardedHeadersForTheClient() throws Exception {
        long before = System.currentTimeMillis();
        HttpHeaders h = forward(channel("10.1.2.3", TrustedProxies.NONE), get("Host", "app.localhost:8080"));

        assertThat(h.get("X-Forwarded-For")).isEqualTo("10.1.2.3");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(h.get("X-Forwarded-Port")).isEqualTo("8080");
        assertThat(h.get("X-Forwarded-Host")).isEqualTo("app.localhost:8080");
        assertThat(Long.parseLong(h.get("X-Request-Start"))).isBetween(before, System.currentTimeMillis());
        assertThat(h.get("Via")).isEqualTo("1.1 ferry");
    }

    @Test
    void dropsForwardedForFromAnUntrustedPeer() throws Exception {
        HttpHeaders h = forward(channel("10.1.2.3", TrustedProxies.NONE),
                get("Host", "a.localhost", "X-Forwarded-For", "1.1.1.1", "X-Forwarded-Proto", "https"));

        assertThat(h.getAll("X-Forwarded-For")).containsExactly("10.1.2.3");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("http");
    }

    @Test
    void appendsToForwardedForFromATrustedProxy() throws Exception {
        TrustedProxies trusted = TrustedProxies.parse(List.of("10.0.0.0/8"));
        HttpHeaders h = forward(channel("10.1.2.3", trusted),
                get("Host", "a.localhost", "X-Forwarded-For", "1.1.1.1, 2.2.2.2", "X-Forwarded-Proto", "https"));

        assertThat(h.get("X-Forwarded-For")).isEqualTo("1.1.1.1, 2.2.2.2, 10.1.2.3");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("https");
    }

    @Test
    void appendsItselfToVia() throws Exception {
        HttpRequest r = get("Host", "a.localhost", "Via", "1.1 cdn");
        r.setProtocolVersion(HttpVersion.HTTP_1_0);
        HttpHeaders h = forward(channel("127.0.0.1", TrustedProxies.NONE), r);

        assertThat(h.get("Via")).isEqualTo("1.1 cdn, 1.0 ferry");
    }

    @Test
    void replacesForwardedAndRealIpFromAnUntrustedClient() throws Exception {
        HttpHeaders h = forward(channel("10.1.2.3", TrustedProxies.NONE), get("Host", "app.localhost",
                "Forwarded", "for=1.1.1.1;proto=https", "forwarded", "for=6.6.6.6", "X-Real-IP", "1.1.1.1"));

        assertThat(h.getAll("Forwarded")).containsExactly("for=10.1.2.3;proto=http;host=app.localhost");
        assertThat(h.getAll("X-Real-IP")).containsExactly("10.1.2.3");
    }

    @Test
    void setsForwardedAndRealIpWhenTheClientSentNone() throws Exception {
        HttpHeaders h = forward(channel("10.1.2.3", TrustedProxies.NONE), get("Host", "app.localhost:8080"));

        assertThat(h.get("Forwarded")).isEqualTo("for=10.1.2.3;proto=http;host=\"app.localhost:8080\"");
        assertThat(h.get("X-Real-IP")).isEqualTo("10.1.2.3");
    }

    @Test
    void quotesAndBracketsAnIpv6ClientInForwarded() throws Exception {
        HttpHeaders h = forward(channel("::1", TrustedProxies.NONE), get("Host", "[::1]:8080"));

        assertThat(h.get("Forwarded")).isEqualTo("for=\"[0:0:0:0:0:0:0:1]\";proto=http;host=\"[::1]:8080\"");
        assertThat(h.get("X-Real-IP")).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void appendsToForwardedAndFindsTheRealClientBehindTrustedProxies() throws Exception {
        TrustedProxies trusted = TrustedProxies.parse(List.of("10.0.0.0/8"));
        HttpHeaders h = forward(channel("10.1.2.3", trusted), get("Host", "a.localhost",
                "Forwarded", "for=203.0.113.9;proto=https", "X-Real-IP", "9.9.9.9",
                "X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.0.0.7"));

        assertThat(h.get("Forwarded")).isEqualTo("for=203.0.113.9;proto=https, for=10.1.2.3;proto=http;host=a.localhost");
        // 10.0.0.7 and the peer are trusted proxies; the hop before them is the client they saw
        assertThat(h.get("X-Real-IP")).isEqualTo("203.0.113.9");
    }

    @Test
    void neverTakesAMadeUpHopForTheRealClient() throws Exception {
        TrustedProxies trusted = TrustedProxies.parse(List.of("10.0.0.0/8"));
        HttpHeaders h = forward(channel("10.1.2.3", trusted),
                get("Host", "a.localhost", "X-Forwarded-For", "evil.example, 10.0.0.7"));

        assertThat(h.get("X-Real-IP")).isEqualTo("10.0.0.7");
    }

    @Test
    void trustedProxyWithoutForwardedForIsItselfTheRealClient() throws Exception {
        TrustedProxies trusted = TrustedProxies.parse(List.of("10.0.0.0/8"));
        HttpHeaders h = forward(channel("10.1.2.3", trusted), get("Host", "a.localhost", "X-Real-IP", "1.2.3.4"));

        assertThat(h.get("X-Real-IP")).isEqualTo("10.1.2.3");
        assertThat(h.get("Forwarded")).isEqualTo("for=10.1.2.3;proto=http;host=a.localhost");
    }

    @Test
    void followsTheHostOfEachRequestOnAKeptAliveConnection() throws Exception {
        EmbeddedChannel ch = channel("10.1.2.3", TrustedProxies.NONE);

        assertThat(forward(ch, get("Host", "a.localhost")).get("Forwarded")).isEqualTo("for=10.1.2.3;proto=http;host=a.localhost");
        assertThat(forward(ch, get("Host", "a.localhost")).get("Forwarded")).isEqualTo("for=10.1.2.3;proto=http;host=a.localhost");
        assertThat(forward(ch, get("Host", "b.localhost")).get("Forwarded")).isEqualTo("for=10.1.2.3;proto=http;host=b.localhost");
    }
}
