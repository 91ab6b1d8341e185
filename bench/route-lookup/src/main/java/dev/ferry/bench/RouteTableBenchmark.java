package dev.ferry.bench;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The router's hot-path lookup and the cost of applying one change, at 1 and 100,000 routes: an exact
 * host, a host served by a wildcard route, and an unknown host.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteTableBenchmark {

    @Param({"1", "100000"})
    int routes;

    RouteTable table;
    RouteChange change;
    String exactHost;
    String wildcardHost;
    int next;

    @Setup
    public void setUp() {
        List<Route> all = new ArrayList<>(routes + 1);
        for (int i = 0; i < routes; i++) {
            all.add(new Route("app" + i + ".example.test", List.of(Endpoint.of("127.0.0.1", 10000 + i % 50000)), RoutePolicy.DEFAULT));
        }
        all.add(new Route("*.wild.test", List.of(Endpoint.of("127.0.0.1", 9000)), RoutePolicy.DEFAULT));
        table = RouteTable.of(all, List.of());
        exactHost = "app" + (routes / 2) + ".example.test";
        wildcardHost = "shop.eu.wild.test";
        change = new RouteChange.HttpRouteSet(new Route("new.example.test", List.of(Endpoint.of("127.0.0.1", 8000)), RoutePolicy.DEFAULT));
    }

    @Benchmark
    public Route lookupExact() {
        return table.lookup(exactHost);
    }

    @Benchmark
    public Route lookupWildcard() {
        return table.lookup(wildcardHost);
    }

    @Benchmark
    public Route lookupUnknown() {
        return table.lookup("nobody.example.test");
    }

    @Benchmark
    public RouteTable applyOneChange() {
        return table.apply(change);
    }
}
