package dev.ferry.router.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class RequestIdHandlerTest {

    private static String idSeenByBackend(EmbeddedChannel ch, String... sent) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        for (String s : sent) {
            r.headers().add("X-Request-Id", s);
        }
        ch.writeInbound(r);
        HttpRequest out = ch.readInbound();
        return out.headers().get("X-Request-Id");
    }

    @Test
    void keepsASafeIdAndEchoesIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new RequestIdHandler());
        String id = "abc-123_x.y:z/w+v=u";

        assertThat(idSeenByBackend(ch, id)).isEqualTo(id);
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        HttpResponse response = ch.readOutbound();
        assertThat(response.headers().get("X-Request-Id")).isEqualTo(id);
        response.headers().clear();
    }

    @Test
    void generatesAnIdWhenNoneWasSent() {
        EmbeddedChannel ch = new EmbeddedChannel(new RequestIdHandler());

        String first = idSeenByBackend(ch);
        String second = idSeenByBackend(ch);

        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void replacesUnsafeTooLongOrRepeatedIds() {
        EmbeddedChannel ch = new EmbeddedChannel(new RequestIdHandler());

        assertThat(idSeenByBackend(ch, "evil id<script>")).isNotEqualTo("evil id<script>").hasSize(36);
        assertThat(idSeenByBackend(ch, "a".repeat(201))).hasSize(36);
        assertThat(idSeenByBackend(ch, "a".repeat(200))).isEqualTo("a".repeat(200));
        assertThat(idSeenByBackend(ch, "one", "two")).hasSize(36);
    }
}
