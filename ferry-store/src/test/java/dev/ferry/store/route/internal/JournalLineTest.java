package dev.ferry.store.route.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.route.Balancing;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HealthCheck;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.TcpRoute;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalLineTest {

    private final Endpoint a = Endpoint.of("127.0.0.1", 9001, 3);
    private final Endpoint b = Endpoint.of("::1", 9002);

    @Test
    void roundTripsSetsWithTtlsAndDeletes() {
        RoutePolicy policy = new RoutePolicy(Balancing.LEAST_OUTSTANDING, true,
                new HealthCheck("/up", Duration.ofSeconds(2), Duration.ofMillis(300), 2, 4));
        List<JournalLine> lines = List.of(
                new JournalLine.Set(RouteState.of(new Route("*.apps.local", List.of(a, b), policy)), Map.of(b.id(), 120_000L)),
                new JournalLine.Set(RouteState.of(new TcpRoute(5432, List.of(a), RoutePolicy.DEFAULT)), Map.of()),
                new JournalLine.Set(RouteState.of(Route.empty("empty.local")), Map.of()),
                new JournalLine.Delete(RouteKey.http("gone.local")),
                new JournalLine.Delete(RouteKey.tcp(7000)));
        for (JournalLine line : lines) {
            assertThat(JournalLine.parse(line.format())).isEqualTo(line);
        }
        assertThat(lines.get(0).format()).endsWith(" " + b.id() + "=120000");
        assertThat(lines.get(1).format()).endsWith(" -");
        assertThat(lines.get(3).format()).isEqualTo("del http gone.local");
        assertThat(lines.get(4).format()).isEqualTo("del tcp 7000");
    }

    @Test
    void refusesRecordsThatDoNotParse() {
        String good = new JournalLine.Set(RouteState.of(new Route("app.local", List.of(a), RoutePolicy.DEFAULT)), Map.of()).format();
        assertThatThrownBy(() -> JournalLine.parse("put http app.local")).hasMessageContaining("'set ' or 'del '");
        assertThatThrownBy(() -> JournalLine.parse("set -")).hasMessageContaining("set <route> <ttls>");
        assertThatThrownBy(() -> JournalLine.parse(good.substring(0, good.length() - 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalLine.parse(withTtls(good, "nosuch=1000")))
                .hasMessageContaining("not in the pool");
        assertThatThrownBy(() -> JournalLine.parse(withTtls(good, a.id() + "=soon")))
                .hasMessageContaining("milliseconds");
        assertThatThrownBy(() -> JournalLine.parse(withTtls(good, a.id() + "=0")))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> JournalLine.parse("del udp 53")).hasMessageContaining("expected http or tcp");
        assertThatThrownBy(() -> JournalLine.parse("del tcp 0")).hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> JournalLine.parse("del http")).hasMessageContaining("del http <domain>");
    }

    /** A set record with its last field (the TTLs) replaced. */
    private static String withTtls(String record, String ttls) {
        return record.substring(0, record.lastIndexOf(' ') + 1) + ttls;
    }
}
