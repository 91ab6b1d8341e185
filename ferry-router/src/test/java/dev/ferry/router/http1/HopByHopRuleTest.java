package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.handler.TrustedProxies;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HopByHopRuleTest {

    private static final String OURS = "(?i)x-forwarded-.*|forwarded|x-real-ip|x-request-id|x-request-start|via";

    private static Forwarding connection() {
        return new Forwarding("127.0.0.1", TrustedProxies.NONE);
    }

    private static HttpHeaders forward(String fields) {
        return connection().forward("POST / HTTP/1.1\r\n" + fields + "\r\n").headers();
    }

    @Test
    void dropsHopByHopFieldsAndThoseConnectionNames() {
        HttpHeaders h = forward("Host: a.localhost\r\nConnection: keep-alive, X-Secret, Host, Content-Length\r\n"
                + "X-Secret: s\r\nKeep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\nTE: trailers\r\n"
                + "Trailer: X-T\r\nUpgrade: h2c\r\nProxy-Authorization: Basic x\r\nContent-Length: 3\r\nX-Kept: k\r\n");

        assertThat(h.names()).filteredOn(n -> !n.matches(OURS)).containsExactlyInAnyOrder("Host", "Content-Length", "X-Kept");
    }

    @Test
    void reframesAChunkedBodyWithAFreshTransferEncoding() {
        HttpHeaders h = forward("Host: a\r\nTransfer-Encoding: Chunked\r\n");

        assertThat(h.getAll("Transfer-Encoding")).containsExactly("chunked");
    }

    @Test
    void keepsUpgradeOnAnUpgradeRequest() {
        Forwarding c = connection();
        HttpHeaders h = c.forward("GET /ws HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\n"
                + "Upgrade: websocket\r\nSec-WebSocket-Key: k\r\n\r\n").headers();

        assertThat(c.head().isUpgrade()).isTrue();
        assertThat(h.get("Upgrade")).isEqualTo("websocket");
        assertThat(h.getAll("Connection")).containsExactly("upgrade");
        assertThat(h.get("Sec-WebSocket-Key")).isEqualTo("k");
    }

    @Test
    void dropsUpgradeWhenConnectionDoesNotAskForIt() {
        Forwarding c = connection();
        HttpHeaders h = c.forward("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n").headers();

        assertThat(c.head().isUpgrade()).isFalse();
        assertThat(h.contains("Upgrade")).isFalse();
        assertThat(h.contains("Connection")).isFalse();
    }

    @Test
    void worksOutKeepAliveFromTheVersionAndConnection() {
        Forwarding c = connection();
        c.forward("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(c.head().isKeepAlive()).isTrue();
        c.forward("GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, CLOSE\r\n\r\n");
        assertThat(c.head().isKeepAlive()).isFalse();
        c.forward("GET / HTTP/1.0\r\nHost: a\r\n\r\n");
        assertThat(c.head().isKeepAlive()).isFalse();
        c.forward("GET / HTTP/1.0\r\nHost: a\r\nConnection: Keep-Alive\r\n\r\n");
        assertThat(c.head().isKeepAlive()).isTrue();
    }
}
