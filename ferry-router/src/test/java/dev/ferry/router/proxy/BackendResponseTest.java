package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BackendResponseTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("status not a number", "HTTP/1.1 abc OK\r\nContent-Length: 2\r\n\r\nhi"),
                Arguments.of("status below 100", "HTTP/1.1 99 OK\r\nContent-Length: 2\r\n\r\nhi"),
                Arguments.of("status over 599", "HTTP/1.1 1000 OK\r\nContent-Length: 2\r\n\r\nhi"),
                Arguments.of("garbage", "hello world\r\n\r\n"),
                Arguments.of("binary garbage", "\u0000\u0001\u0002garbage\r\n\r\n"),
                Arguments.of("Content-Length not a number", "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhi"),
                Arguments.of("two different Content-Lengths", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nhi"),
                Arguments.of("Content-Length with Transfer-Encoding",
                        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"),
                Arguments.of("unknown transfer coding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: xchunked\r\n\r\nhi"),
                Arguments.of("informational status not a number", "HTTP/1.1 1x0 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void answersBadResponseAndClosesTheBackendConnection(String shape, String response) throws Exception {
        try (CannedBackend canned = new CannedBackend(response)) {
            fx.routes.set(new Route("app.localhost", List.of(canned.endpoint()), RoutePolicy.DEFAULT));

            RawHttp.Response r = RequestShapes.assertRefused(fx.port(), RawHttp.request("GET", "app.localhost", "/"),
                    502, "backend_bad_response");

            assertThat(r.text()).doesNotContain("hi");
            assertThat(canned.closedByRouter.await(5, TimeUnit.SECONDS)).as("backend connection closed").isTrue();
            RequestShapes.assertRefused(fx.port(), RawHttp.request("GET", "app.localhost", "/"), 502, "backend_bad_response");
            assertThat(canned.connections.get()).as("a new connection, not a pooled one").isEqualTo(2);
        }
    }

    @Test
    void closesTheClientWhenABodyTurnsMalformedAfterTheHead() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\nzz\r\n";
        try (CannedBackend canned = new CannedBackend(response)) {
            fx.routes.set(new Route("app.localhost", List.of(canned.endpoint()), RoutePolicy.DEFAULT));
            try (RawHttp c = RawHttp.connect(fx.port())) {
                c.send(RawHttp.request("GET", "app.localhost", "/"));
                assertThat(c.readHead().status()).isEqualTo(200);
                assertThat(new String(c.readChunk(), StandardCharsets.UTF_8)).isEqualTo("first");
                assertThat(c.closedByPeer()).isTrue();
            }
            assertThat(canned.closedByRouter.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Answers each connection's first request head with fixed bytes, then waits for the router to close. */
    private static final class CannedBackend implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        final CountDownLatch closedByRouter = new CountDownLatch(1);
        private final ServerSocket server;
        private final Thread acceptor;

        CannedBackend(String response) throws IOException {
            server = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        connections.incrementAndGet();
                        Thread serve = new Thread(() -> serve(s, response));
                        serve.setDaemon(true);
                        serve.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        Endpoint endpoint() {
            return Endpoint.of("127.0.0.1", server.getLocalPort());
        }

        private void serve(Socket s, String response) {
            try (s) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                int matched = 0;
                while (matched < 4) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
                }
                s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                if (in.read() < 0) {
                    closedByRouter.countDown();
                }
            } catch (SocketTimeoutException e) {
                // the router kept the connection: the latch stays closed
            } catch (IOException e) {
                closedByRouter.countDown();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
