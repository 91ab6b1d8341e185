package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.router.Router;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.Transport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the router's event loop allocates per proxied small keep-alive request, end to end on real sockets: the
 * client's head read and checked, the backend's head written, the response head read and written, the exchange,
 * its access-log entry and metrics. The router has one event loop of its own, so that thread's allocation
 * counter is the whole cost. The codec path allocated about 3.5 KB per request (docs/benchmarks.md).
 *
 * <p>With the options the {@code ferry} launcher passes (the build's own {@code argLine} wins over
 * {@code -DargLine}): {@code JDK_JAVA_OPTIONS=--sun-misc-unsafe-memory-access=allow ./mvnw -pl ferry-router test
 * -Dtest=ProxyAllocationTest}; the figure is printed on the test's output.
 */
class ProxyAllocationTest {

    private static final byte[] REQUEST = ("GET /items?page=2 HTTP/1.1\r\nHost: app.localhost\r\nUser-Agent: bench\r\n"
            + "Accept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    /** Bytes per request the test allows: what the path allocates (docs/benchmarks.md) plus a margin. */
    private static final long BOUND = 1024;

    @Test
    void allocatesAFewHundredBytesPerProxiedSmallRequest() throws Exception {
        // the tests run Netty's leak detector, which records every buffer access: off here, as in production
        ResourceLeakDetector.Level leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        Transport transport = Transport.detect(); // the router's as in production: epoll where it loads
        EventLoopGroup backendGroup = new Transport(false).newGroup(1, "alloc-backend");
        EventLoopGroup routerGroup = transport.newGroup(1, "alloc-router");
        FixedRoutes routes = new FixedRoutes();
        RouterConfig config = RouterConfig.builder().httpPort(0).build();
        Router router = new Router(config, routes, transport, routerGroup, new SimpleMeterRegistry(), entry -> { });
        try (TestBackend backend = TestBackend.text(backendGroup, "a", "hello world\n")) {
            routes.set(new Route("app.localhost", List.of(backend.endpoint()), RoutePolicy.DEFAULT));
            router.start();
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long loop = routerGroup.next().submit(() -> Thread.currentThread().threadId()).get();
            try (Socket s = new Socket("127.0.0.1", router.httpPort())) {
                s.setTcpNoDelay(true);
                run(s, backend, 30_000); // warm-up, so that the JIT has compiled the path
                // the least of three rounds: what the JIT compiles away varies a little from one run to the next
                long perRequest = Long.MAX_VALUE;
                for (int round = 0; round < 3; round++) {
                    int n = 20_000;
                    long before = threads.getThreadAllocatedBytes(loop);
                    run(s, backend, n);
                    perRequest = Math.min(perRequest, (threads.getThreadAllocatedBytes(loop) - before) / n);
                }

                System.out.println("proxied small keep-alive request: " + perRequest + " bytes allocated on the event loop");
                assertThat(perRequest).isLessThan(BOUND);
            }
        } finally {
            ResourceLeakDetector.setLevel(leakDetection);
            router.close();
            backendGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            routerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Sends {@code times} requests one after the other on {@code s}, reading each whole response. */
    private static void run(Socket s, TestBackend backend, int times) throws IOException {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        for (int i = 0; i < times; i++) {
            out.write(REQUEST);
            out.flush();
            readResponse(in, buf);
            if (i % 1000 == 0) {
                backend.requests.clear(); // the backend notes every request it sees; none is needed here
            }
        }
    }

    /** Reads one response with a Content-Length body. */
    private static void readResponse(InputStream in, byte[] buf) throws IOException {
        int filled = 0;
        int headEnd = -1;
        while (headEnd < 0) {
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                throw new IOException("closed by the router");
            }
            filled += n;
            headEnd = indexOfBlankLine(buf, filled);
        }
        String head = new String(buf, 0, headEnd, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected response: " + head);
        }
        int at = head.toLowerCase().indexOf("content-length:");
        int length = Integer.parseInt(head.substring(at + 15, head.indexOf('\r', at)).trim());
        int body = filled - (headEnd + 4);
        while (body < length) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                throw new IOException("closed by the router");
            }
            body += n;
        }
    }

    private static int indexOfBlankLine(byte[] buf, int filled) {
        for (int i = 0; i + 3 < filled; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
