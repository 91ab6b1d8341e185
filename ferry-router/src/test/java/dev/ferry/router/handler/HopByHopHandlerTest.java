package dev.ferry.router.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class HopByHopHandlerTest {

    private static HttpHeaders forward(HttpRequest request) {
        EmbeddedChannel ch = new EmbeddedChannel(new HopByHopHandler());
        ch.writeInbound(request);
        HttpRequest out = ch.readInbound();
        return out.headers();
    }

    private static HttpRequest request(String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        return r;
    }

    @Test
    void stripsHopByHopHeadersAndThoseConnectionNames() {
        HttpHeaders h = forward(request("Host", "a.localhost", "Connection", "keep-alive, X-Secret, Host, Content-Length",
                "X-Secret", "s", "Keep-Alive", "timeout=5", "Proxy-Connection", "keep-alive", "TE", "trailers",
                "Trailer", "X-T", "Upgrade", "h2c", "Proxy-Authorization", "Basic x", "Content-Length", "3",
                "X-Kept", "k"));

        assertThat(h.names()).containsExactlyInAnyOrder("Host", "Content-Length", "X-Kept");
    }

    @Test
    void keepsChunkedFramingAsASingleChunkedEncoding() {
        HttpHeaders h = forward(request("Host", "a.localhost", "Transfer-Encoding", "chunked"));

        assertThat(h.getAll("Transfer-Encoding")).containsExactly("chunked");
    }

    @Test
    void keepsUpgradeOnAWebSocketHandshake() {
        HttpHeaders h = forward(request("Host", "a.localhost", "Connection", "keep-alive, Upgrade", "Upgrade", "websocket",
                "Sec-WebSocket-Key", "k"));

        assertThat(h.get("Upgrade")).isEqualTo("websocket");
        assertThat(h.get("Connection")).isEqualTo("upgrade");
        assertThat(h.get("Sec-WebSocket-Key")).isEqualTo("k");
    }

    @Test
    void stripsResponsesTheSameWay() {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().add("Connection", "close, X-Internal").add("X-Internal", "1").add("Keep-Alive", "timeout=5")
                .add("Proxy-Authenticate", "Basic").add("Content-Type", "text/plain");

        HopByHopHeaders.strip(r, false);

        assertThat(r.headers().names()).containsExactly("Content-Type");
    }
}
