package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AffinityTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void setsHonoursAndRewritesTheAffinityCookie() {
        TestBackend a = fx.track(TestBackend.text(fx.group, "a", "a"));
        TestBackend b = fx.track(TestBackend.text(fx.group, "b", "b"));
        RoutePolicy sticky = RoutePolicy.DEFAULT.withAffinity(true);
        fx.routes.set(new Route("sticky.localhost", List.of(a.endpoint(), b.endpoint()), sticky));

        RawHttp.Response first = RawHttp.get(fx.port(), "sticky.localhost", "/");
        String chosen = first.header("X-Backend");
        TestBackend pinned = chosen.equals("a") ? a : b;
        TestBackend otherOne = pinned == a ? b : a;
        assertThat(first.header("Set-Cookie"))
                .isEqualTo("ferry_affinity=" + pinned.endpoint().id() + "; Path=/; HttpOnly; SameSite=Lax");

        String cookie = "Cookie: theme=dark; ferry_affinity=" + pinned.endpoint().id() + "; lang=en";
        pinned.requests.clear();
        for (int i = 0; i < 4; i++) {
            RawHttp.Response r = RawHttp.get(fx.port(), "sticky.localhost", "/", cookie);
            assertThat(r.header("X-Backend")).isEqualTo(chosen);
            assertThat(r.header("Set-Cookie")).isNull();
        }
        assertThat(pinned.requests.poll().headers().get("Cookie")).isEqualTo("theme=dark; lang=en");

        fx.routes.set(new Route("sticky.localhost", List.of(otherOne.endpoint()), sticky));
        RawHttp.Response moved = RawHttp.get(fx.port(), "sticky.localhost", "/", cookie);
        assertThat(moved.header("X-Backend")).isEqualTo(otherOne.name);
        assertThat(moved.header("Set-Cookie")).startsWith("ferry_affinity=" + otherOne.endpoint().id() + ";");
    }

    @Test
    void leavesRoutesWithoutAffinityCookieFree() {
        TestBackend a = fx.track(TestBackend.text(fx.group, "a", "a"));
        fx.routes.set(new Route("plain.localhost", List.of(a.endpoint()), RoutePolicy.DEFAULT));

        RawHttp.Response r = RawHttp.get(fx.port(), "plain.localhost", "/", "Cookie: ferry_affinity=abc");

        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(a.requests.poll().headers().contains("Cookie")).isFalse();
    }
}
