package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentMutationTest {

    private static final int THREADS = 4;
    private static final int ROUTES_PER_THREAD = 300;

    @TempDir
    Path dir;

    @Test
    void threadsMutatingDifferentRoutesEndInTheExpectedTable() throws Exception {
        Path journal = dir.resolve("routes.journal");
        RouteTable end;
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            RecordingListener early = new RecordingListener();
            registry.subscribe(early);
            RecordingListener late = new RecordingListener();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        mutate(registry, thread);
                        return null;
                    }));
                }
                start.countDown();
                // Subscribe while the others mutate: the snapshot and the stream must still line up.
                registry.subscribe(late);
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            end = registry.table();
            assertThat(end).isEqualTo(expected());
            assertThat(early.replayed()).isEqualTo(end);
            assertThat(late.replayed()).isEqualTo(end);
        }
        try (JournaledRouteRegistry reopened = JournaledRouteRegistry.open(journal)) {
            assertThat(reopened.table()).isEqualTo(end);
        }
    }

    /** Each route gets two endpoints, loses the first, and every tenth route is removed. */
    private static void mutate(JournaledRouteRegistry registry, int thread) {
        for (int i = 0; i < ROUTES_PER_THREAD; i++) {
            String domain = "t" + thread + "-r" + i + ".local";
            registry.addEndpoint(domain, Endpoint.of("10.0." + thread + ".1", 8000 + i), Optional.empty());
            registry.addEndpoint(domain, Endpoint.of("10.0." + thread + ".2", 8000 + i, 2), Optional.empty());
            registry.removeEndpoint(domain, Endpoint.idFor("10.0." + thread + ".1", 8000 + i));
            if (i % 10 == 0) {
                registry.removeRoute(domain);
            }
        }
    }

    private static RouteTable expected() {
        List<Route> routes = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < ROUTES_PER_THREAD; i++) {
                if (i % 10 != 0) {
                    routes.add(Route.empty("t" + t + "-r" + i + ".local")
                            .withEndpoint(Endpoint.of("10.0." + t + ".2", 8000 + i, 2)));
                }
            }
        }
        return RouteTable.of(routes, List.of());
    }
}
