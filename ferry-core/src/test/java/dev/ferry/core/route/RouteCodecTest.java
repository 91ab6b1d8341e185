package dev.ferry.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteCodecTest {

    @Test
    void roundTripsRoutesWithEveryPolicyField() {
        Route r = new Route("*.example.com", List.of(Endpoint.of("127.0.0.1", 9001, 3), Endpoint.of("::1", 9002)),
                new RoutePolicy(Balancing.LEAST_OUTSTANDING, true,
                        new HealthCheck("/health", Duration.ofSeconds(2), Duration.ofMillis(500), 1, 4)));
        assertThat(RouteCodec.decode(RouteCodec.encode(r))).isEqualTo(r);
        TcpRoute t = new TcpRoute(15432, List.of(Endpoint.of("127.0.0.1", 5432)), RoutePolicy.DEFAULT);
        assertThat(RouteCodec.decode(RouteCodec.encode(t))).isEqualTo(t);
        assertThat(RouteCodec.decode(RouteCodec.encode(Route.empty("a.local")))).isEqualTo(Route.empty("a.local"));
    }

    @Test
    void carriesMaintenanceModeAloneAndAfterTheTunnelMark() {
        Route down = new Route("hello.localhost", List.of(Endpoint.of("127.0.0.1", 9001)), RoutePolicy.DEFAULT.withMaintenance(true));
        String line = RouteCodec.encode(down);
        assertThat(line).endsWith(" 0 maintenance");
        assertThat(RouteCodec.decode(line)).isEqualTo(down);
        Route both = new Route("a.local", List.of(), RoutePolicy.DEFAULT.withTunnel(true).withMaintenance(true).withMaxBodyBytes(5));
        assertThat(RouteCodec.encode(both)).endsWith(" 5 tunnel maintenance");
        assertThat(RouteCodec.decode(RouteCodec.encode(both))).isEqualTo(both);
        assertThat(((Route) RouteCodec.decode("http a.local round_robin 0 - - 0 tunnel")).policy().maintenance()).isFalse();
        assertThatThrownBy(() -> RouteCodec.decode("http a.local round_robin 0 - - 0 maintenance tunnel"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteCodec.decode("http a.local round_robin 0 - - 0 maintenance maintenance"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void carriesAnH2cBackendProtocolLastAndReadsEarlierLinesAsHttp1() {
        Route grpc = new Route("grpc.localhost", List.of(Endpoint.of("127.0.0.1", 9001)),
                RoutePolicy.DEFAULT.withProtocol(BackendProtocol.H2C));
        assertThat(RouteCodec.encode(grpc)).endsWith(" 0 h2c");
        assertThat(RouteCodec.decode(RouteCodec.encode(grpc))).isEqualTo(grpc);
        Route all = new Route("a.local", List.of(), RoutePolicy.DEFAULT.withTunnel(true).withMaintenance(true)
                .withProtocol(BackendProtocol.H2C));
        assertThat(RouteCodec.encode(all)).endsWith(" 0 tunnel maintenance h2c");
        assertThat(RouteCodec.decode(RouteCodec.encode(all))).isEqualTo(all);
        assertThat(((Route) RouteCodec.decode("http a.local round_robin 0 - - 0 maintenance")).policy().protocol())
                .isEqualTo(BackendProtocol.HTTP1);
        assertThatThrownBy(() -> RouteCodec.decode("http a.local round_robin 0 - - 0 h2c tunnel"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BackendProtocol.parse("h3")).hasMessageContaining("http1, h2c");
    }

    @Test
    void carriesTunnelMarksAndStillReadsLinesWithoutThem() {
        Route published = new Route("hello--dev.localhost",
                List.of(Endpoint.tunnel("gw1-hello-1", "127.0.0.1", 41000), Endpoint.of("127.0.0.1", 9001)),
                RoutePolicy.DEFAULT.withTunnel(true));
        String line = RouteCodec.encode(published);
        assertThat(line).contains("gw1-hello-1@127.0.0.1:41000*1!tunnel,").endsWith(" 0 tunnel");
        Route back = (Route) RouteCodec.decode(line);
        assertThat(back).isEqualTo(published);
        assertThat(back.endpoints().get(0).tunnel()).isTrue();
        assertThat(back.endpoints().get(1).tunnel()).isFalse();
        Route limited = new Route("a.local", List.of(), RoutePolicy.DEFAULT.withMaxBodyBytes(10).withTunnel(true));
        assertThat(RouteCodec.decode(RouteCodec.encode(limited))).isEqualTo(limited);
        Route old = (Route) RouteCodec.decode("http a.local round_robin 0 - ab@127.0.0.1:9001*2 100");
        assertThat(old.policy().tunnel()).isFalse();
        assertThat(old.endpoints().get(0).tunnel()).isFalse();
        assertThatThrownBy(() -> RouteCodec.decode("http a.local round_robin 0 - - 0 other")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteCodec.decode("http a.local round_robin 0 - - 0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void carriesTheBodyLimitAndStillReadsSixFieldLines() {
        Route limited = new Route("up.local", List.of(Endpoint.of("127.0.0.1", 9001)),
                RoutePolicy.DEFAULT.withMaxBodyBytes(1_048_576));
        String line = RouteCodec.encode(limited);
        assertThat(line).endsWith(" 1048576");
        assertThat(RouteCodec.decode(line)).isEqualTo(limited);
        assertThat(RouteCodec.encode(Route.empty("a.local"))).isEqualTo("http a.local round_robin 0 - -");
        Route old = (Route) RouteCodec.decode("http a.local round_robin 1 - -");
        assertThat(old.policy().maxBodyBytes()).isZero();
        assertThat(old.policy().affinity()).isTrue();
        assertThatThrownBy(() -> RouteCodec.decode("http a.local round_robin 0 - - -5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteCodec.decode("http a.local round_robin 0 - - x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesGarbage() {
        assertThatThrownBy(() -> RouteCodec.decode("http a.local round_robin 0 - x@y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteCodec.decode("ftp a.local round_robin 0 - -")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteCodec.decode("http a..local round_robin 0 - -")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tableFileSurvivesARoundTrip(@TempDir Path dir) throws Exception {
        RouteTable table = RouteTable.of(
                List.of(new Route("a.local", List.of(Endpoint.of("127.0.0.1", 1)), RoutePolicy.DEFAULT), Route.empty("b.local")),
                List.of(TcpRoute.empty(2000)));
        Path file = dir.resolve("routes.snapshot");
        RouteTableFile.write(file, table);
        assertThat(RouteTableFile.read(file)).isEqualTo(table);
        Files.writeString(file, "http a.local nope 0 - -\n");
        assertThatThrownBy(() -> RouteTableFile.read(file)).hasMessageContaining("line 1");
    }
}
