package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.testing.RawHttp;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Trailer fields of a chunked response reach HTTP/2 clients as the stream's trailing HEADERS frame (what gRPC's
 * {@code grpc-status} needs), and HTTP/1.1 clients in the chunked body as before. The client is {@code nghttp}
 * (Debian's {@code nghttp2-client}), which prints every frame it receives.
 */
@Timeout(60)
class Http2TrailersTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void trailerFieldsOfAChunkedResponseEndTheH2Stream() throws Exception {
        routeToTrailingBackend();

        String frames = ClientCommands.succeeded("nghttp", "-v", "http://localhost:" + fx.port() + "/");

        assertThat(frames).contains(":status: 200").contains("hello");
        // the trailers come after the body, in a HEADERS frame that ends the stream (flags END_STREAM | END_HEADERS);
        // nghttp prints a frame's fields before the frame's own line
        String afterBody = frames.substring(frames.indexOf("recv DATA frame"));
        assertThat(afterBody).contains("grpc-status: 0").contains("grpc-message: fine");
        assertThat(afterBody.substring(afterBody.indexOf("grpc-status: 0"))).contains("recv HEADERS frame")
                .containsPattern("recv HEADERS frame <[^>]*flags=0x05");
    }

    @Test
    void http11ClientsStillGetTheTrailersInTheChunkedBody() {
        routeToTrailingBackend();

        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("GET", "localhost", "/"));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("hello");
        }
    }

    private void routeToTrailingBackend() {
        TestBackend trailing = fx.track(TestBackend.start(fx.group, "trailing", p -> p.addLast(new TestBackend.AnswerAtRequestEnd() {
            @Override
            protected void answer(ChannelHandlerContext ctx) {
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                HttpUtil.setTransferEncodingChunked(head, true);
                ctx.write(head);
                ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII)));
                LastHttpContent end = new DefaultLastHttpContent();
                end.trailingHeaders().add("grpc-status", "0").add("grpc-message", "fine");
                ctx.writeAndFlush(end);
            }
        })));
        fx.routes.set(new Route("localhost", List.of(trailing.endpoint()), RoutePolicy.DEFAULT));
    }
}
