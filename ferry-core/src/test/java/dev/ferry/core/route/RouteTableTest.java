package dev.ferry.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static Route route(String domain, int port) {
        return new Route(domain, List.of(Endpoint.of("127.0.0.1", port)), RoutePolicy.DEFAULT);
    }

    @Test
    void looksUpExactNamesBeforeWildcards() {
        RouteTable t = RouteTable.empty()
                .apply(new RouteChange.HttpRouteSet(route("*.example.com", 1)))
                .apply(new RouteChange.HttpRouteSet(route("api.example.com", 2)))
                .apply(new RouteChange.HttpRouteSet(route("*.eu.example.com", 3)));
        assertThat(t.lookup("api.example.com").endpoints().get(0).port()).isEqualTo(2);
        assertThat(t.lookup("www.example.com").endpoints().get(0).port()).isEqualTo(1);
        assertThat(t.lookup("a.b.example.com").endpoints().get(0).port()).isEqualTo(1);
        assertThat(t.lookup("x.eu.example.com").endpoints().get(0).port()).isEqualTo(3);
        assertThat(t.lookup("example.com")).isNull();
        assertThat(t.lookup("other.org")).isNull();
    }

    @Test
    void spreadsTheNamesOfOneShardOverAHashMapsBuckets() {
        List<String> shardZero = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String domain = "r" + i + ".bulk.bench";
            if (RouteTable.shardOf(domain) == 0) {
                shardZero.add(domain);
            }
        }
        Set<Integer> buckets = new HashSet<>();
        for (String domain : shardZero) {
            int h = domain.hashCode();
            buckets.add((h ^ (h >>> 16)) & 1023); // HashMap's bucket in a table of 1,024
        }
        assertThat(shardZero).hasSizeBetween(60, 140); // 100,000 names over 1,024 shards
        assertThat(buckets).as("distinct buckets of a 1,024-bucket HashMap").hasSizeGreaterThan(shardZero.size() / 2);
    }

    @Test
    void handsEveryRouteToForEachRouteOnce() {
        List<Route> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            all.add(route("r" + i + ".bulk.bench", 1 + i));
        }
        all.add(route("*.example.com", 9));
        RouteTable table = RouteTable.of(all, List.of());
        List<Route> seen = new ArrayList<>();
        table.forEachRoute(seen::add);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void applyLeavesTheOldSnapshotUntouched() {
        RouteTable before = RouteTable.empty().apply(new RouteChange.HttpRouteSet(route("a.local", 1)));
        RouteTable after = before.apply(new RouteChange.HttpRouteRemoved("a.local"));
        assertThat(before.lookup("a.local")).isNotNull();
        assertThat(after.lookup("a.local")).isNull();
        assertThat(before.size()).isEqualTo(1);
        assertThat(after.size()).isZero();
    }

    @Test
    void diffTurnsOneTableIntoAnother() {
        List<Route> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(route("app" + i + ".local", 1000 + i));
        }
        RouteTable a = RouteTable.of(many, List.of(TcpRoute.empty(5432)));
        RouteTable b = a.apply(new RouteChange.HttpRouteRemoved("app7.local"))
                .apply(new RouteChange.HttpRouteSet(route("new.local", 9)))
                .apply(new RouteChange.HttpRouteSet(route("app8.local", 10)))
                .apply(new RouteChange.TcpRouteRemoved(5432));
        List<RouteChange> diff = a.diff(b);
        assertThat(diff).hasSize(4);
        assertThat(a.applyAll(diff)).isEqualTo(b);
        assertThat(b.size()).isEqualTo(1000);
    }

    @Test
    void countsRoutesAcrossReplacements() {
        RouteTable t = RouteTable.empty()
                .apply(new RouteChange.HttpRouteSet(route("a.local", 1)))
                .apply(new RouteChange.HttpRouteSet(route("a.local", 2)))
                .apply(new RouteChange.HttpRouteRemoved("missing.local"));
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.routes()).extracting(Route::domain).containsExactly("a.local");
    }
}
