package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.RawHttp;
import java.util.concurrent.TimeUnit;

/** Assertions shared by the tests that send refused request shapes on raw sockets. */
final class RequestShapes {

    private RequestShapes() {
    }

    /** Sends {@code request} on a new connection: answered {@code status} with {@code code}, then closed. */
    static RawHttp.Response assertRefused(int port, String request, int status, String code) {
        try (RawHttp c = RawHttp.connect(port)) {
            c.send(request);
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.header("Ferry-Error")).isEqualTo(code);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByPeer()).as("connection closed after the answer").isTrue();
            return r;
        }
    }

    /**
     * Sends a valid request after a refused one and checks it is the first and only request the backend
     * saw: anything of the refused request would have reached it first.
     */
    static void assertBackendSawOnlyTheNextRequest(int port, TestBackend backend) throws InterruptedException {
        RawHttp.Response ok = RawHttp.get(port, "app.localhost", "/after");
        assertThat(ok.status()).isEqualTo(200);
        TestBackend.Seen seen = backend.requests.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.uri()).isEqualTo("/after");
        assertThat(backend.requests).isEmpty();
    }
}
