package dev.ferry.router.h2;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHeadEncoderTest {

    private static Http2Headers get() {
        return new DefaultHttp2Headers(false).method("GET").path("/p?q=1").scheme("https").authority("app.test");
    }

    private static String encode(Http2Headers headers, boolean body) {
        RequestHeadEncoder.Encoded e = RequestHeadEncoder.encode(ByteBufAllocator.DEFAULT, headers, body);
        assertThat(e.refusal()).isNull();
        try {
            return e.head().toString(StandardCharsets.ISO_8859_1);
        } finally {
            e.head().release();
        }
    }

    @Test
    void writesAnHttp11HeadWithTheAuthorityAsHost() {
        String head = encode(get().add("accept", "text/html"), false);
        assertThat(head).isEqualTo("GET /p?q=1 HTTP/1.1\r\nhost: app.test\r\naccept: text/html\r\n\r\n");
    }

    @Test
    void aHostFieldOfTheClientWinsOverTheAuthority() {
        String head = encode(get().add("host", "other.test"), false);
        assertThat(head).isEqualTo("GET /p?q=1 HTTP/1.1\r\nhost: other.test\r\n\r\n");
    }

    @Test
    void aBodyWithoutLengthIsChunkedAndOneWithLengthKeepsIt() {
        String chunked = encode(get().method("POST"), true);
        String sized = encode(get().method("POST").add("content-length", "5"), true);

        assertThat(chunked).endsWith("transfer-encoding: chunked\r\n\r\n");
        assertThat(sized).contains("content-length: 5\r\n").doesNotContain("transfer-encoding");
    }

    @Test
    void dropsConnectionSpecificFieldsSoNoClientFramingReachesHttp11() {
        String head = encode(get().method("POST").add("transfer-encoding", "chunked").add("connection", "close")
                .add("upgrade", "websocket").add("te", "trailers").add("keep-alive", "1").add("content-length", "3"), true);

        assertThat(head).doesNotContain("chunked").doesNotContain("connection").doesNotContain("upgrade")
                .doesNotContain("te:").doesNotContain("keep-alive").contains("content-length: 3");
    }

    @Test
    void joinsCookieFields() {
        String head = encode(get().add("cookie", "a=1").add("cookie", "b=2"), false);
        assertThat(head).contains("cookie: a=1; b=2\r\n");
    }

    @Test
    void refusesAValueThatWouldSplitTheHead() {
        RequestHeadEncoder.Encoded e = RequestHeadEncoder.encode(ByteBufAllocator.DEFAULT,
                get().add("x-evil", "1\r\ntransfer-encoding: chunked"), false);
        RequestHeadEncoder.Encoded nul = RequestHeadEncoder.encode(ByteBufAllocator.DEFAULT,
                get().path("/a\u0000b"), false);

        assertThat(e.refusal()).contains("control character");
        assertThat(e.head()).isNull();
        assertThat(nul.refusal()).contains("control character");
    }

    @Test
    void refusesConnectAndAMissingPath() {
        assertThat(RequestHeadEncoder.encode(ByteBufAllocator.DEFAULT,
                new DefaultHttp2Headers().method("CONNECT").authority("x:443"), false).refusal()).contains("CONNECT");
        assertThat(RequestHeadEncoder.encode(ByteBufAllocator.DEFAULT,
                new DefaultHttp2Headers().method("GET"), false).refusal()).contains(":path");
    }
}
