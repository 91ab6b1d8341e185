package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendResponseReaderTest {

    private final BackendResponseReader reader = new BackendResponseReader(Heads.LIMITS);
    private final EmbeddedChannel ch = new EmbeddedChannel(reader, new StatusOfHeads());

    /** Reads each head as the proxy would, when it arrives: the head object is reused for the next response. */
    private static final class StatusOfHeads extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.fireChannelRead(msg instanceof BackendMessage.Head h ? (Object) h.head().status() : msg);
        }
    }

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
    }

    private void send(String text) {
        ch.writeInbound(Heads.bytes(text));
    }

    private String body() {
        BackendMessage.Body b = ch.readInbound();
        String text = b.content().toString(StandardCharsets.ISO_8859_1) + (b.isLast() ? "|last" : "");
        b.release();
        return text;
    }

    private int status() {
        return ch.<Integer>readInbound();
    }

    @Test
    void handsOnInformationalHeadsThenTheResponseAndItsBody() {
        reader.expect(false);
        send("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel");
        send("lo");

        assertThat(status()).isEqualTo(100);
        assertThat(status()).isEqualTo(200);
        assertThat(body()).isEqualTo("hel");
        assertThat(body()).isEqualTo("lo|last");
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void readsOneResponsePerRequestOnAKeptAliveConnection() {
        reader.expect(true);
        send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        assertThat(status()).isEqualTo(200);
        reader.expect(false);
        send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");

        assertThat(status()).isEqualTo(200);
        assertThat(body()).isEqualTo("2\r\nok\r\n0\r\n\r\n|last");
    }

    @Test
    void reportsBytesNoRequestAskedFor() {
        reader.expect(false);
        send("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n\r\n");

        assertThat(status()).isEqualTo(204);
        assertThat((Object) ch.readInbound()).isInstanceOf(BackendMessage.Malformed.class);
    }

    @Test
    void reportsAMalformedHeadOrBody() {
        reader.expect(false);
        send("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
        assertThat((Object) ch.readInbound()).isInstanceOf(BackendMessage.Malformed.class);

        BackendResponseReader other = new BackendResponseReader(Heads.LIMITS);
        EmbeddedChannel second = new EmbeddedChannel(other);
        other.expect(false);
        second.writeInbound(Heads.bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n"));
        assertThat(((BackendMessage.Head) second.readInbound()).head().status()).isEqualTo(200);
        assertThat((Object) second.readInbound()).isInstanceOf(BackendMessage.Malformed.class);
        second.finishAndReleaseAll();
    }

    @Test
    void passesTheBytesAfterA101OnToTheRelay() {
        reader.expect(false);
        send("HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n\u0081\u0002hi");
        assertThat(status()).isEqualTo(101);

        ch.pipeline().remove(reader);

        ByteBuf early = ch.readInbound();
        assertThat(early.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\u0081\u0002hi");
        early.release();
    }

    @Test
    void handsTheRelayOnlyTheBytesAfterA101WhenRemovedAtItsHead() {
        BackendResponseReader relayed = new BackendResponseReader(Heads.LIMITS);
        EmbeddedChannel upgraded = new EmbeddedChannel(relayed, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof BackendMessage.Head h) {
                    ctx.fireChannelRead(h.head().status());
                    ctx.pipeline().remove(relayed); // as the proxy does when it switches to the relay
                } else {
                    ctx.fireChannelRead(msg);
                }
            }
        });
        relayed.expect(false);
        upgraded.writeInbound(Heads.bytes("HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n\u0081\u0002hi"));

        assertThat((Object) upgraded.readInbound()).isEqualTo(101);
        ByteBuf early = upgraded.readInbound();
        assertThat(early.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\u0081\u0002hi");
        early.release();
        upgraded.finishAndReleaseAll();
    }

    @Test
    void handsOnAChunkedBodysPayloadAloneForAClientThatReadsToTheClose() {
        reader.expect(false, true);
        send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        send("0\r\n\r\n");

        assertThat(status()).isEqualTo(200);
        assertThat(body()).isEqualTo("hello");
        assertThat(body()).isEqualTo("|last");
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void passesOnTheChunksThatCameWholeBeforeABrokenOne() {
        reader.expect(false);
        send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\nzz\r\n");

        assertThat(status()).isEqualTo(200);
        assertThat(body()).isEqualTo("5\r\nfirst\r\n");
        assertThat((Object) ch.readInbound()).isInstanceOf(BackendMessage.Malformed.class);
    }
}
