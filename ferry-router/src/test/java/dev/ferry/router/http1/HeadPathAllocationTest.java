package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.ferry.router.handler.TrustedProxies;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * What the in-place path allocates to read, check and rewrite one small keep-alive request head (a browser-like
 * GET with nine fields): the parser, every rule and the backend head written into a reused buffer. The codec
 * path allocated about 3.5 KB per proxied request (docs/benchmarks.md), most of it the two decoded heads.
 */
class HeadPathAllocationTest {

    private static final String REQUEST = "GET /api/items?page=2 HTTP/1.1\r\nHost: app.localhost:8080\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/130.0\r\nAccept: */*\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n"
            + "Cookie: session=abc123; theme=dark\r\nReferer: http://app.localhost:8080/\r\nX-Request-Id: req-42\r\n\r\n";

    @Test
    void allocatesAFewHundredBytesPerHead() {
        ByteBuf in = Heads.bytes(REQUEST);
        ByteBuf out = Unpooled.buffer(1024);
        RequestHeadParser parser = new RequestHeadParser(Heads.LIMITS);
        RequestHead head = new RequestHead();
        RequestHeadRules rules = new RequestHeadRules(Heads.LIMITS, TrustedProxies.NONE, "ferry", "ferry_affinity",
                Heads.CLIENT, Heads.LISTENER);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();

        run(200_000, in, out, parser, head, rules); // warm-up, so that the JIT has compiled the path
        int n = 100_000;
        long before = threads.getThreadAllocatedBytes(thread);
        run(n, in, out, parser, head, rules);
        long perHead = (threads.getThreadAllocatedBytes(thread) - before) / n;

        System.out.println("in-place head path: " + perHead + " bytes allocated per request head");
        assertThat(perHead).isLessThan(512);
    }

    private static void run(int times, ByteBuf in, ByteBuf out, RequestHeadParser parser, RequestHead head,
                            RequestHeadRules rules) {
        for (int i = 0; i < times; i++) {
            in.readerIndex(0);
            out.clear();
            if (parser.parse(in, head) != RequestHeadParser.Result.COMPLETE || rules.apply(head) != null) {
                throw new AssertionError("refused");
            }
            BackendRequestWriter.write(head, out);
        }
    }
}
