package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.router.RouterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The connection caps make room by evicting idle keep-alive connections (oldest first) before refusing, so
 * one client's idle connections never lock anyone out; trusted proxies have no per-client cap.
 */
class ConnectionCapTest {

    private static RouterFixture router(UnaryOperator<RouterConfig.Builder> tune) {
        RouterFixture fx = new RouterFixture(tune);
        TestBackend a = fx.track(TestBackend.text(fx.group, "a", "ok"));
        fx.routes.set(new Route("app.localhost", List.of(a.endpoint()), RoutePolicy.DEFAULT));
        return fx;
    }

    /** Serves one request on {@code c} and leaves the connection open and idle. */
    private static RawHttp served(RawHttp c) {
        c.send(RawHttp.request("GET", "app.localhost", "/"));
        assertThat(c.read().status()).isEqualTo(200);
        return c;
    }

    @Test
    void evictsTheOldestIdleConnectionOfAClientAtItsCap() throws InterruptedException {
        try (RouterFixture fx = router(b -> b.maxConnectionsPerClient(2))) {
            List<RawHttp> open = new ArrayList<>();
            try {
                RawHttp oldest = served(track(open, RawHttp.connect(fx.port())));
                RawHttp younger = served(track(open, RawHttp.connect(fx.port())));
                // The router marks a connection idle once its response's last write has completed, which can come
                // a moment after the client has read that response: give it that moment before making room.
                Thread.sleep(200);

                RawHttp third = served(track(open, RawHttp.connect(fx.port())));

                assertThat(oldest.closedByPeer()).isTrue();
                served(younger);
                served(third);
            } finally {
                open.forEach(RawHttp::close);
            }
        }
    }

    @Test
    void oneClientsIdleConnectionsNeverLockOthersOutOfItsCapOrTheTotal() {
        try (RouterFixture fx = router(b -> b.maxConnectionsPerClient(3).maxConnections(4))) {
            List<RawHttp> open = new ArrayList<>();
            try {
                // one client keeps far more idle connections than its cap: each new one evicts its oldest
                for (int i = 0; i < 8; i++) {
                    served(track(open, RawHttp.connect(fx.port())));
                }
                RawHttp hog = served(track(open, RawHttp.connect(fx.port())));
                // others fill the total cap beside the client's three, then push its idle ones out, oldest first
                for (String other : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
                    served(track(open, RawHttp.connectFrom(fx.port(), other)));
                }
                for (RawHttp evicted : open.subList(0, 8)) {
                    assertThat(evicted.closedByPeer()).isTrue();
                }
                served(hog);
            } finally {
                open.forEach(RawHttp::close);
            }
        }
    }

    @Test
    void trustedProxiesHaveNoPerClientCap() {
        try (RouterFixture fx = router(b -> b.maxConnectionsPerClient(2).trustedProxies(List.of("127.0.0.1")))) {
            List<RawHttp> open = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    served(track(open, RawHttp.connect(fx.port())));
                }
                for (RawHttp c : open) {
                    served(c);
                }
            } finally {
                open.forEach(RawHttp::close);
            }
        }
    }

    private static RawHttp track(List<RawHttp> open, RawHttp c) {
        open.add(c);
        return c;
    }
}
