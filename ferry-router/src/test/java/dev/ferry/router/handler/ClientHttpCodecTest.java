package dev.ferry.router.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientHttpCodecTest {

    private final EmbeddedChannel ch = new EmbeddedChannel(new ClientHttpCodec(new HttpDecoderConfig()));

    private List<HttpRequest> decode(String bytes) {
        ch.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        List<HttpRequest> heads = new ArrayList<>();
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            if (msg instanceof HttpRequest r) {
                heads.add(r);
            }
            if (msg instanceof HttpContent) {
                ReferenceCountUtil.release(msg);
            }
        }
        return heads;
    }

    @Test
    void marksAFoldedHeadFailedButNotABodyThatLooksLikeOne() {
        String body = "a\r\n b\r\n\tc";
        List<HttpRequest> heads = decode("POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                + "GET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /3 HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n");

        assertThat(heads).extracting(HttpRequest::uri).containsExactly("/1", "/2", "/3");
        assertThat(heads.get(0).decoderResult().isSuccess()).isTrue();
        assertThat(heads.get(1).decoderResult().isSuccess()).isTrue();
        assertThat(heads.get(2).decoderResult().cause()).isInstanceOf(ClientHttpCodec.ObsoleteLineFoldingException.class);
    }

    @Test
    void findsAFoldInAHeadThatArrivesByteByByte() {
        String head = "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n";
        List<HttpRequest> heads = new ArrayList<>();
        for (char c : head.toCharArray()) {
            heads.addAll(decode(String.valueOf(c)));
        }
        assertThat(heads).hasSize(1);
        assertThat(heads.get(0).decoderResult().isFailure()).isTrue();
    }

    @Test
    void answersHeadWithoutABody() {
        decode("HEAD / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(encode(response("hello"))).endsWith("\r\n\r\n");
        assertThat(encode(response("hello"))).endsWith("\r\n\r\nhello");
    }

    @Test
    void leavesTheHeadMethodToTheFinalResponseAfterA100() {
        decode("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(encode(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE))).startsWith("HTTP/1.1 100");
        assertThat(encode(response("hello"))).endsWith("\r\n\r\n");
    }

    private static FullHttpResponse response(String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set("Content-Length", body.length());
        return r;
    }

    private String encode(Object msg) {
        ch.writeOutbound(msg);
        StringBuilder sb = new StringBuilder();
        Object out;
        while ((out = ch.readOutbound()) != null) {
            sb.append(((ByteBuf) out).toString(StandardCharsets.ISO_8859_1));
            ReferenceCountUtil.release(out);
        }
        return sb.toString();
    }
}
