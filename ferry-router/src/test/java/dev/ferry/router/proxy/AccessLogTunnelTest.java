package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.router.log.AccessLogEntry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access log tells requests a tunnel endpoint answered from the others (usage records count them apart). */
class AccessLogTunnelTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void marksTheEntriesOfRequestsATunnelEndpointAnswered() throws InterruptedException {
        TestBackend device = fx.track(TestBackend.text(fx.group, "device", "from the device"));
        TestBackend hosted = fx.track(TestBackend.text(fx.group, "hosted", "hosted"));
        Endpoint d = device.endpoint();
        fx.routes.set(new Route("dev.localhost", List.of(new Endpoint(d.id(), d.host(), d.port(), 1, true)),
                        RoutePolicy.DEFAULT),
                new Route("app.localhost", List.of(hosted.endpoint()), RoutePolicy.DEFAULT));

        assertThat(RawHttp.get(fx.port(), "dev.localhost", "/").text()).isEqualTo("from the device");
        AccessLogEntry viaTunnel = fx.log.poll(5, TimeUnit.SECONDS);
        assertThat(RawHttp.get(fx.port(), "app.localhost", "/").text()).isEqualTo("hosted");
        AccessLogEntry direct = fx.log.poll(5, TimeUnit.SECONDS);

        assertThat(viaTunnel).isNotNull();
        assertThat(viaTunnel.tunnel()).isTrue();
        assertThat(viaTunnel.bytesOut()).isEqualTo("from the device".length());
        assertThat(direct).isNotNull();
        assertThat(direct.tunnel()).isFalse();
    }
}
