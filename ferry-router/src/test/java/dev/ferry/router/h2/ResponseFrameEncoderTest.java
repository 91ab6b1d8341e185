package dev.ferry.router.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.RouterConfig;
import dev.ferry.router.http1.HeadLimits;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseFrameEncoderTest {

    private final ResponseFrameEncoder encoder = new ResponseFrameEncoder(HeadLimits.of(RouterConfig.defaults()));
    private final List<Http2StreamFrame> frames = new ArrayList<>();

    @AfterEach
    void release() {
        frames.forEach(ReferenceCountUtil::release);
        encoder.release();
    }

    private void write(String bytes) {
        encoder.encode(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1), frames);
    }

    private String data(int i) {
        return ((Http2DataFrame) frames.get(i)).content().toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aChunkedBodyLosesItsFramingAndEndsTheStream() {
        write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\nX-Request-Id: r1\r\n\r\n5\r\nhel");
        write("lo\r\n");
        write("6\r\n world\r\n0\r\n\r\n");

        Http2HeadersFrame head = (Http2HeadersFrame) frames.getFirst();
        assertThat(head.headers().status().toString()).isEqualTo("200");
        assertThat(head.headers().get("x-request-id").toString()).isEqualTo("r1");
        assertThat(head.headers().contains("transfer-encoding")).isFalse();
        assertThat(head.headers().contains("connection")).isFalse();
        assertThat(head.isEndStream()).isFalse();
        StringBuilder body = new StringBuilder();
        for (int i = 1; i < frames.size(); i++) {
            body.append(data(i));
        }
        assertThat(body.toString()).isEqualTo("hello world");
        assertThat(((Http2DataFrame) frames.getLast()).isEndStream()).isTrue();
        assertThat(encoder.isDone()).isTrue();
    }

    @Test
    void aSizedBodyEndsWithItsLastByte() {
        write("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\nFerry-Error: no_such_app\r\n\r\nno");
        write("pe");

        assertThat(((Http2HeadersFrame) frames.getFirst()).headers().get("ferry-error").toString()).isEqualTo("no_such_app");
        assertThat(data(1) + data(2)).isEqualTo("nope");
        assertThat(((Http2DataFrame) frames.get(2)).isEndStream()).isTrue();
    }

    @Test
    void aHeadResponseAndA100ContinueCarryNoBody() {
        encoder.headRequest(true);
        write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n");

        assertThat(((Http2HeadersFrame) frames.get(0)).headers().status().toString()).isEqualTo("100");
        assertThat(((Http2HeadersFrame) frames.get(0)).isEndStream()).isFalse();
        assertThat(((Http2HeadersFrame) frames.get(1)).isEndStream()).isTrue();
        assertThat(frames).hasSize(2);
    }

    @Test
    void aHeadSplitAcrossWritesWaitsForItsEnd() {
        write("HTTP/1.1 204 No Content\r\nX-A: 1\r");
        assertThat(frames).isEmpty();
        write("\n\r\n");
        assertThat(frames).hasSize(1);
        assertThat(((Http2HeadersFrame) frames.getFirst()).isEndStream()).isTrue();
    }

    @Test
    void trailerFieldsEndTheStreamAsATrailingHeadersFrame() {
        write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/grpc\r\n\r\n5\r\nhello\r\n0\r\n");
        write("Grpc-Status: 0\r\ngrpc-message: all good\r\nConnection: x\r\n\r\n");

        assertThat(data(1)).isEqualTo("hello");
        Http2HeadersFrame trailers = (Http2HeadersFrame) frames.getLast();
        assertThat(trailers.isEndStream()).isTrue();
        assertThat(trailers.headers().get("grpc-status").toString()).isEqualTo("0");
        assertThat(trailers.headers().get("grpc-message").toString()).isEqualTo("all good");
        assertThat(trailers.headers().contains("connection")).isFalse();
        assertThat(frames).hasSize(3);
        assertThat(encoder.isDone()).isTrue();
    }

    @Test
    void trailersSplitByteByByteStillArriveWhole() {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n00\r\ngrpc-status: 13\r\n\r\n";
        for (char c : response.toCharArray()) {
            write(String.valueOf(c));
        }

        StringBuilder body = new StringBuilder();
        for (int i = 1; i < frames.size() - 1; i++) {
            body.append(data(i));
        }
        assertThat(body.toString()).isEqualTo("abc");
        Http2HeadersFrame trailers = (Http2HeadersFrame) frames.getLast();
        assertThat(trailers.isEndStream()).isTrue();
        assertThat(trailers.headers().get("grpc-status").toString()).isEqualTo("13");
    }
}
