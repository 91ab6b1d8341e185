package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.error.ProxyError;
import dev.ferry.router.handler.TrustedProxies;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientRequestReaderTest {

    private final EmbeddedChannel ch = channel();

    private static EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAutoRead(false);
        ch.pipeline().addLast(new ClientRequestReader(Heads.LIMITS, ctx -> new RequestHeadRules(Heads.LIMITS,
                TrustedProxies.NONE, "ferry", "ferry_affinity", Heads.CLIENT, Heads.LISTENER)));
        return ch;
    }

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
    }

    private void send(String text) {
        ch.writeInbound(Heads.bytes(text));
    }

    /** Asks for one message, as the proxy does, and answers it, or null when none is ready. */
    private ClientMessage next() {
        ch.read();
        return ch.readInbound();
    }

    @Test
    void handsOnOnePipelinedRequestPerRead() {
        send("GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n");

        ClientMessage.Head first = (ClientMessage.Head) next();
        assertThat(first.refused()).isNull();
        assertThat(first.head().target()).isEqualTo("/one");
        assertThat((Object) ch.readInbound()).isNull();
        first.head().release();

        ClientMessage.Head second = (ClientMessage.Head) next();
        assertThat(second.head().target()).isEqualTo("/two");
        assertThat(next()).isNull();
        second.head().release();
    }

    @Test
    void passesABodyAsSlicesAndMarksTheLast() {
        send("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n01234");

        ClientMessage.Head head = (ClientMessage.Head) next();
        ClientMessage.Body part = (ClientMessage.Body) next();
        assertThat(part.content().toString(StandardCharsets.ISO_8859_1)).isEqualTo("01234");
        assertThat(part.isLast()).isFalse();
        part.release();
        assertThat(next()).isNull();

        send("56789GET /next HTTP/1.1\r\nHost: a\r\n\r\n");
        ClientMessage.Body last = (ClientMessage.Body) next();
        assertThat(last.content().toString(StandardCharsets.ISO_8859_1)).isEqualTo("56789");
        assertThat(last.isLast()).isTrue();
        last.release();

        // the first head's bytes are still its own although the buffer they came in has grown and moved on
        assertThat(head.head().target()).isEqualTo("/up");
        assertThat(head.head().value(FieldName.CONTENT_LENGTH)).isEqualTo("10");
        head.head().release();
        assertThat(((ClientMessage.Head) next()).head().target()).isEqualTo("/next");
    }

    @Test
    void readsAHeadThatArrivesInPieces() {
        send("GET /slow HT");
        assertThat(next()).isNull();
        send("TP/1.1\r\nHost: a\r\n");
        assertThat(next()).isNull();
        send("\r\n");

        ClientMessage.Head head = (ClientMessage.Head) next();
        assertThat(head.head().target()).isEqualTo("/slow");
        head.head().release();
    }

    @Test
    void stopsReadingAfterARefusedHead() {
        send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhelloGET / HTTP/1.1\r\nHost: a\r\n\r\n");

        ClientMessage.Head refused = (ClientMessage.Head) next();
        assertThat(refused.refused().error()).isEqualTo(ProxyError.BAD_REQUEST);
        refused.head().release();
        assertThat(next()).isNull();
        send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(next()).isNull();
    }

    @Test
    void reportsABrokenChunkedBody() {
        send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n");

        ClientMessage.Head head = (ClientMessage.Head) next();
        assertThat(next()).isInstanceOf(ClientMessage.BodyFault.class);
        head.head().release();
        assertThat(next()).isNull();
    }

    @Test
    void handsTheBytesAfterAnUpgradeRequestToTheRelay() {
        send("GET /ws HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n\u0081\u0002hi");
        ClientMessage.Head head = (ClientMessage.Head) next();
        assertThat(head.head().isUpgrade()).isTrue();
        head.head().release();

        ClientRequestReader reader = ch.pipeline().get(ClientRequestReader.class);
        reader.upgraded();
        ch.pipeline().remove(reader);

        ByteBuf early = ch.readInbound();
        assertThat(early.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\u0081\u0002hi");
        early.release();
    }

    @Test
    void countsTheBodysPayloadWithoutItsChunkFraming() {
        send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        ClientMessage.Head head = (ClientMessage.Head) next();
        ClientMessage.Body body = (ClientMessage.Body) next();

        assertThat(body.isLast()).isTrue();
        assertThat(ch.pipeline().get(ClientRequestReader.class).bodyBytes()).isEqualTo(5);
        body.release();
        head.head().release();
    }
}
