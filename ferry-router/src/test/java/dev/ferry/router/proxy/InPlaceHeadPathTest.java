package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.RouterConfig;
import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;
import dev.ferry.router.handler.TrustedProxies;
import dev.ferry.router.http1.BodyFramer;
import dev.ferry.router.http1.HeadLimits;
import dev.ferry.router.http1.RequestHead;
import dev.ferry.router.http1.RequestHeadParser;
import dev.ferry.router.http1.RequestHeadRules;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refused shape of {@link RequestSmugglingTest} and {@link LimitsTest}, read by the in-place head path
 * (parser, rules, body framing) instead of Netty's codec: the same status and {@code Ferry-Error} code.
 */
class InPlaceHeadPathTest {

    static Stream<Arguments> shapes() {
        return Stream.concat(RequestSmugglingTest.smuggling(), LimitsTest.oversizedHeads());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void refusesLikeTheCodecPath(String shape, String request, int status, String code) {
        ProxyError error = read(request);

        assertThat(error).as(shape).isNotNull();
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.code()).isEqualTo(code);
    }

    /** The error the in-place path answers {@code request} with, or null when it accepts head and body. */
    private static ProxyError read(String request) {
        RouterConfig config = RouterConfig.defaults();
        ByteBuf in = Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1);
        RequestHeadParser parser = new RequestHeadParser(HeadLimits.of(config));
        RequestHead head = new RequestHead();
        RequestHeadParser.Result r = parser.parse(in, head);
        if (r == RequestHeadParser.Result.REFUSED) {
            return parser.refusal().error();
        }
        assertThat(r).isEqualTo(RequestHeadParser.Result.COMPLETE);
        RequestRefused refused = new RequestHeadRules(HeadLimits.of(config), TrustedProxies.NONE, "ferry", "ferry_affinity",
                new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 8080)).apply(head);
        if (refused != null) {
            return refused.error();
        }
        in.skipBytes(head.length());
        BodyFramer body = new BodyFramer(config.maxInitialLineLength());
        body.reset(switch (head.body()) {
            case NONE -> BodyFramer.Mode.NONE;
            case LENGTH -> BodyFramer.Mode.LENGTH;
            case CHUNKED -> BodyFramer.Mode.CHUNKED;
        }, head.contentLength());
        ByteBuf slice;
        while ((slice = body.next(in)) != null) {
            slice.release();
        }
        return body.failure() != null ? ProxyError.BAD_REQUEST : null;
    }
}
