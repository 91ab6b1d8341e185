package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request shape the router must refuse, each sent on a raw socket: the status, the {@code Ferry-Error}
 * code, the connection closed after the answer, and a backend that never received anything of it.
 */
class RequestSmugglingTest {

    private static final String POST = "POST / HTTP/1.1\r\nHost: app.localhost\r\n";
    private static final String GET = "GET / HTTP/1.1\r\nHost: app.localhost\r\n";
    private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n";

    private final RouterFixture fx = new RouterFixture();
    private final TestBackend backend = fx.track(TestBackend.start(fx.group, "sink", p -> p.addLast(new TestBackend.UploadSink())));

    @AfterEach
    void close() {
        fx.close();
    }

    static Stream<Arguments> smuggling() {
        return Stream.of(
                bad("Content-Length with Transfer-Encoding", POST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                bad("two different Content-Lengths", POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello1"),
                bad("two equal Content-Lengths", POST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
                bad("two different Content-Lengths on HTTP/1.0", "POST / HTTP/1.0\r\nContent-Length: 5\r\nHost: app.localhost\r\n"
                        + "content-length: 11\r\n\r\nhello world"),
                bad("comma-listed Content-Length", POST + "Content-Length: 5, 5\r\n\r\nhello"),
                bad("signed Content-Length", POST + "Content-Length: +5\r\n\r\nhello"),
                bad("negative Content-Length", POST + "Content-Length: -5\r\n\r\nhello"),
                bad("hexadecimal Content-Length", POST + "Content-Length: 0x5\r\n\r\nhello"),
                bad("overflowing Content-Length", POST + "Content-Length: 99999999999999999999999\r\n\r\nhello"),
                bad("chunked, identity", POST + "Transfer-Encoding: chunked, identity\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bad("xchunked", POST + "Transfer-Encoding: xchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bad("chunked in two fields", POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bad("chunked, chunked", POST + "Transfer-Encoding: chunked, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bad("gzip, chunked", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bad("unknown coding", POST + "Transfer-Encoding: foo\r\n\r\nhello"),
                bad("Transfer-Encoding on HTTP/1.0", "POST / HTTP/1.0\r\nHost: app.localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bad("overflowing chunk size", CHUNKED + "FFFFFFFFFFFFFFFFFFFFF\r\nhello\r\n0\r\n\r\n"),
                bad("0x chunk size", CHUNKED + "0x5\r\nhello\r\n0\r\n\r\n"),
                bad("space after chunk size", CHUNKED + "5 \r\nhello\r\n0\r\n\r\n"),
                bad("space before chunk size", CHUNKED + " 5\r\nhello\r\n0\r\n\r\n"),
                bad("negative chunk size", CHUNKED + "-5\r\nhello\r\n0\r\n\r\n"),
                bad("chunk size line ended by LF alone", CHUNKED + "5\nhello\r\n0\r\n\r\n"),
                bad("chunk size line without its line end", CHUNKED + "5hello\r\n0\r\n\r\n"),
                bad("chunk extension over the line limit", CHUNKED + "5;" + "e".repeat(9000) + "\r\nhello\r\n0\r\n\r\n"),
                bad("CR in a header value", GET + "X-A: b\rc\r\n\r\n"),
                bad("LF in a header value", GET + "X-A: b\nc\r\n\r\n"),
                bad("NUL in a header value", GET + "X-A: b\0c\r\n\r\n"),
                bad("CR in a header name", GET + "X\rA: b\r\n\r\n"),
                bad("NUL in a header name", GET + "X\0A: b\r\n\r\n"),
                bad("obs-fold with a space", GET + "X-A: b\r\n c\r\n\r\n"),
                bad("obs-fold with a tab", GET + "X-A: b\r\n\tc\r\n\r\n"),
                bad("space before the colon", GET + "X-A : b\r\n\r\n"),
                bad("tab before the colon", GET + "X-A\t: b\r\n\r\n"),
                bad("space before the first header", "GET / HTTP/1.1\r\n Host: app.localhost\r\n\r\n"),
                bad("@ in the method", "G@T / HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                bad("( in the method", "GE(T / HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                bad("quote in the target", "GET /a\"b HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                bad("control character in the target", "GET /a\u0001b HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                bad("non-ASCII in the target", "GET /a\u00e9b HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                bad("fragment in the target", "GET /a#b HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                bad("backslash in the target", "GET /a\\b HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                bad("angle bracket in the target", "GET /a<b HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                bad("space in the target", "GET /a b HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                bad("target in no form", "GET abc HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                bad("asterisk target on GET", "GET * HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                bad("request line ended by LF alone", "GET / HTTP/1.1\nHost: app.localhost\n\n"),
                refused("CONNECT", "CONNECT app.localhost:443 HTTP/1.1\r\nHost: app.localhost:443\r\n\r\n", 405, "method_not_allowed"),
                refused("TRACE", "TRACE / HTTP/1.1\r\nHost: app.localhost\r\n\r\n", 405, "method_not_allowed"));
    }

    static Arguments bad(String shape, String request) {
        return refused(shape, request, 400, "bad_request");
    }

    static Arguments refused(String shape, String request, int status, String code) {
        return Arguments.of(shape, request, status, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smuggling")
    void refusesWithoutReachingTheBackend(String shape, String request, int status, String code) throws Exception {
        fx.routes.set(new Route("app.localhost", List.of(backend.endpoint()), RoutePolicy.DEFAULT));

        RequestShapes.assertRefused(fx.port(), request, status, code);

        RequestShapes.assertBackendSawOnlyTheNextRequest(fx.port(), backend);
    }
}
