package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.handler.TrustedProxies;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One client connection as the new path sees it: heads read from text go through the parser and the rules, and
 * the backend's head is written and then decoded by Netty's own decoder, so tests assert what a backend parses.
 */
final class Forwarding {

    private final RequestHeadParser parser = new RequestHeadParser(Heads.LIMITS);
    private final RequestHead head = new RequestHead();
    private final RequestHeadRules rules;
    private String written;

    Forwarding(String peer, TrustedProxies trusted) {
        rules = new RequestHeadRules(Heads.LIMITS, trusted, "ferry", "ferry_affinity", new InetSocketAddress(peer, 40000), Heads.LISTENER);
    }

    /** The head a backend receives for {@code text}, which must be accepted. */
    HttpRequest forward(String text) {
        ByteBuf in = Heads.bytes(text);
        assertThat(parser.parse(in, head)).isEqualTo(RequestHeadParser.Result.COMPLETE);
        assertThat(rules.apply(head)).isNull();
        ByteBuf out = BackendRequestWriter.write(head, ByteBufAllocator.DEFAULT);
        written = out.toString(StandardCharsets.ISO_8859_1);
        EmbeddedChannel backend = new EmbeddedChannel(new HttpRequestDecoder());
        backend.writeInbound(out);
        HttpRequest request = backend.readInbound();
        assertThat(request.decoderResult().isSuccess()).as(written).isTrue();
        ReferenceCountUtil.release(backend.readInbound());
        backend.finishAndReleaseAll();
        in.release();
        return request;
    }

    /** The bytes of the last head written. */
    String written() {
        return written;
    }

    RequestHead head() {
        return head;
    }
}
