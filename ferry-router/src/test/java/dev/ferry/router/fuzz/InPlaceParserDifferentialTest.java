package dev.ferry.router.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.RouterConfig;
import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;
import dev.ferry.router.handler.ClientHttpCodec;
import dev.ferry.router.handler.HeaderLimitHandler;
import dev.ferry.router.handler.HostHandler;
import dev.ferry.router.handler.RequestSmugglingGuard;
import dev.ferry.router.handler.TrustedProxies;
import dev.ferry.router.http1.HeadLimits;
import dev.ferry.router.http1.RequestHead;
import dev.ferry.router.http1.RequestHeadParser;
import dev.ferry.router.http1.RequestHeadRules;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-place head path against the codec path on the fuzz corpus, for each mutated request whose first head
 * both paths read to a verdict. The in-place path never accepts a head the codec path refused. It refuses some the
 * codec path accepted, on purpose, and only those: a version other than {@code HTTP/1.x} (Netty reads any
 * {@code NAME/major.minor}, {@code http/1.1} and {@code HTTP/9.9} too, and the codec path forwarded them as
 * HTTP/1.1), and a request line split by CR or another whitespace than SP (Netty splits on them). Which status
 * a head with two faults gets may differ.
 */
class InPlaceParserDifferentialTest {

    private static final RouterConfig CONFIG = RouterConfig.defaults();
    private static final int CASES = 20_000;

    @Test
    void neverAcceptsWhatTheCodecPathRefusedAndRefusesOnlyOnPurpose() {
        RequestMutator mutator = new RequestMutator(new Random(12));
        List<String> laxer = new ArrayList<>();
        List<String> stricter = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = mutator.next();
            Integer old = codecVerdict(bytes);
            Integer now = inPlaceVerdict(bytes);
            if (old == null || now == null) {
                continue;
            }
            compared++;
            if (now == 0 && old != 0 && laxer.size() < 10) {
                laxer.add(old + ": " + printable(bytes));
            }
            if (old == 0 && now != 0 && !refusedOnPurpose(bytes) && stricter.size() < 10) {
                stricter.add(now + ": " + printable(bytes));
            }
        }
        assertThat(compared).isGreaterThan(CASES / 2);
        assertThat(laxer).as("accepted by the in-place path only").isEmpty();
        assertThat(stricter).as("refused by the in-place path only, for no known reason").isEmpty();
    }

    /** The heads the in-place path refuses and the codec path accepted, on purpose (see the class comment). */
    private static boolean refusedOnPurpose(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replaceFirst("^[\\r\\n]+", "");
        int end = text.indexOf("\r\n");
        String line = end < 0 ? text : text.substring(0, end);
        return !line.matches("[^\\x00-\\x20]+ [^\\x00-\\x20]+ HTTP/1\\.[0-9]");
    }

    /** 0 when accepted, else the status; null when the codec path reads no whole head. */
    private static Integer codecVerdict(byte[] bytes) {
        HttpDecoderConfig decoder = new HttpDecoderConfig().setMaxInitialLineLength(CONFIG.maxInitialLineLength())
                .setMaxHeaderSize(CONFIG.maxHeaderSize()).setMaxChunkSize(64 * 1024);
        EmbeddedChannel ch = new EmbeddedChannel(new ClientHttpCodec(decoder), new RequestSmugglingGuard(),
                new HeaderLimitHandler(CONFIG.maxHeaderCount(), CONFIG.maxHeaderLineLength()), new HostHandler());
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes));
            Object msg;
            while ((msg = ch.readInbound()) != null) {
                try {
                    if (msg instanceof HttpRequest request) {
                        return request.decoderResult().isSuccess() ? 0
                                : ProxyError.forDecoderFailure(request.decoderResult().cause()).status();
                    }
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
            return null;
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static Integer inPlaceVerdict(byte[] bytes) {
        RequestHeadParser parser = new RequestHeadParser(HeadLimits.of(CONFIG));
        RequestHead head = new RequestHead();
        RequestHeadParser.Result r = parser.parse(Unpooled.wrappedBuffer(bytes), head);
        if (r == RequestHeadParser.Result.INCOMPLETE) {
            return null;
        }
        if (r == RequestHeadParser.Result.REFUSED) {
            return parser.refusal().error().status();
        }
        RequestRefused refused = new RequestHeadRules(HeadLimits.of(CONFIG), TrustedProxies.NONE, "ferry", "ferry_affinity",
                new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2)).apply(head);
        return refused == null ? 0 : refused.error().status();
    }

    private static String printable(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        s = s.length() > 400 ? s.substring(0, 150) + "..." + s.substring(s.length() - 250) : s;
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
