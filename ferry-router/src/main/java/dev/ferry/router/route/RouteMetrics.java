package dev.ferry.router.route;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The route meters: {@code ferry.router.routes}, {@code ferry.router.tcp.routes},
 * {@code ferry.router.endpoints{state=healthy|ejected|down}} (totals over every pool, so the number of
 * series stays fixed) and the counter {@code ferry.router.endpoint.ejections}. Endpoint counts are computed
 * when scraped, at most once a second.
 */
final class RouteMetrics implements AutoCloseable {

    private static final long RECOUNT_NANOS = 1_000_000_000L;

    private final MeterRegistry meters;
    private final List<Collection<DefaultPool>> pools;
    private final Supplier<Long> nowMillis;
    private final List<Meter> registered = new ArrayList<>();
    private long[] counts = new long[3];
    private long countedAt;
    private boolean counted;

    /** The counter of passive ejections, registered before the pools exist. */
    static Counter ejectionCounter(MeterRegistry meters) {
        return Counter.builder("ferry.router.endpoint.ejections")
                .description("endpoints taken out by passive health").register(meters);
    }

    RouteMetrics(MeterRegistry meters, Counter ejections, Supplier<Integer> httpRoutes, Supplier<Integer> tcpRoutes,
                 List<Collection<DefaultPool>> livePools, Supplier<Long> nowMillis) {
        this.meters = meters;
        this.pools = livePools;
        this.nowMillis = nowMillis;
        registered.add(Gauge.builder("ferry.router.routes", httpRoutes, s -> s.get())
                .description("HTTP routes in the live table").strongReference(true).register(meters));
        registered.add(Gauge.builder("ferry.router.tcp.routes", tcpRoutes, s -> s.get())
                .description("TCP routes in the live table").strongReference(true).register(meters));
        String[] states = {"healthy", "ejected", "down"};
        for (int i = 0; i < states.length; i++) {
            int index = i;
            registered.add(Gauge.builder("ferry.router.endpoints", this, m -> m.count(index))
                    .description("endpoints over all pools, by health state").tag("state", states[i]).strongReference(true)
                    .register(meters));
        }
        registered.add(ejections);
    }

    private synchronized double count(int state) {
        long now = System.nanoTime();
        if (!counted || now - countedAt > RECOUNT_NANOS) {
            counts = recount();
            countedAt = now;
            counted = true;
        }
        return counts[state];
    }

    private long[] recount() {
        long[] c = new long[3];
        long now = nowMillis.get();
        for (Collection<DefaultPool> view : pools) {
            for (DefaultPool pool : view) {
                for (int i = 0; i < pool.size(); i++) {
                    if (pool.down(i)) {
                        c[2]++;
                    } else if (pool.ejected(i, now)) {
                        c[1]++;
                    } else {
                        c[0]++;
                    }
                }
            }
        }
        return c;
    }

    @Override
    public void close() {
        registered.forEach(meters::remove);
    }
}
