package dev.ferry.router.http1;

import dev.ferry.router.RouterConfig;
import dev.ferry.router.error.RequestRefused;
import dev.ferry.router.handler.TrustedProxies;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Reads request heads from text for the tests of this package: the parser, then the rules. */
final class Heads {

    static final HeadLimits LIMITS = HeadLimits.of(RouterConfig.defaults());
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.7", 40000);
    static final InetSocketAddress LISTENER = new InetSocketAddress("127.0.0.1", 8080);

    /** A head read to its end: refused, or accepted with every rule applied. */
    record Outcome(RequestHead head, RequestRefused refused, ByteBuf buf) {

        boolean accepted() {
            return refused == null;
        }

        int status() {
            return refused == null ? 0 : refused.error().status();
        }
    }

    private Heads() {
    }

    static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    /** Parses {@code text} in one go and applies the rules with the default limits and no trusted proxy. */
    static Outcome read(String text) {
        return read(text, LIMITS, TrustedProxies.NONE);
    }

    static Outcome read(String text, HeadLimits limits, TrustedProxies trusted) {
        ByteBuf buf = bytes(text);
        RequestHeadParser parser = new RequestHeadParser(limits);
        RequestHead head = new RequestHead();
        RequestHeadParser.Result r = parser.parse(buf, head);
        if (r == RequestHeadParser.Result.REFUSED) {
            return new Outcome(head, parser.refusal(), buf);
        }
        if (r == RequestHeadParser.Result.INCOMPLETE) {
            throw new AssertionError("head incomplete: " + text);
        }
        RequestHeadRules rules = new RequestHeadRules(limits, trusted, "ferry", "ferry_affinity", CLIENT, LISTENER);
        return new Outcome(head, rules.apply(head), buf);
    }

    /** Parses {@code text} only (no rules); fails unless the parser accepts it whole. */
    static RequestHead parsed(String text) {
        RequestHead head = new RequestHead();
        RequestHeadParser.Result r = new RequestHeadParser(LIMITS).parse(bytes(text), head);
        if (r != RequestHeadParser.Result.COMPLETE) {
            throw new AssertionError(r + ": " + text);
        }
        return head;
    }
}
