import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RouteTable;
import dev.ferry.store.route.RedisRegistryConfig;
import dev.ferry.store.route.RedisRouteRegistry;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Route propagation through Redis: a writer registry adds an endpoint to a new domain, and the time until a
 * second registry (its own connections, as another machine's router) hands that change to its subscriber is
 * recorded, after 200 unrecorded warm-up changes. Usage: java -cp CLASSPATH RegistryPropagationBench.java
 * REDIS_URI PRELOAD ROUNDS
 */
public class RegistryPropagationBench {

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        int preload = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        RedisRegistryConfig config = RedisRegistryConfig.of(uri);
        try (RedisRouteRegistry writer = RedisRouteRegistry.open(config);
             RedisRouteRegistry router = RedisRouteRegistry.open(config)) {
            long preloadStart = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            Thread[] loaders = new Thread[4];
            for (int t = 0; t < loaders.length; t++) {
                loaders[t] = Thread.ofPlatform().start(() -> {
                    for (int i = next.getAndIncrement(); i < preload; i = next.getAndIncrement()) {
                        writer.addEndpoint("bulk" + i + ".bench", Endpoint.of("127.0.0.1", 20_000 + i % 40_000), Optional.empty());
                    }
                });
            }
            for (Thread t : loaders) {
                t.join();
            }
            System.out.printf("preloaded %d routes in %.1f s%n", preload, (System.nanoTime() - preloadStart) / 1e9);

            ConcurrentHashMap<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
            ConcurrentHashMap<String, Long> arrived = new ConcurrentHashMap<>();
            long loadStart = System.nanoTime();
            router.subscribe(new RouteListener() {
                @Override
                public void onSnapshot(RouteTable table) {
                    System.out.printf("subscriber loaded %d routes in %.0f ms%n", table.size(), (System.nanoTime() - loadStart) / 1e6);
                }

                @Override
                public void onChange(RouteChange change) {
                    if (change instanceof RouteChange.HttpRouteSet set) {
                        long now = System.nanoTime();
                        arrived.putIfAbsent(set.route().domain(), now);
                        CountDownLatch l = waiting.get(set.route().domain());
                        if (l != null) {
                            l.countDown();
                        }
                    }
                }
            });
            long[] micros = new long[rounds];
            int lost = 0;
            for (int i = -200; i < rounds; i++) {
                String domain = "change" + (i + 200) + ".bench";
                CountDownLatch latch = new CountDownLatch(1);
                waiting.put(domain, latch);
                long start = System.nanoTime();
                writer.addEndpoint(domain, Endpoint.of("127.0.0.1", 9000), Optional.empty());
                if (!latch.await(5, TimeUnit.SECONDS)) {
                    lost++;
                    continue;
                }
                if (i >= 0) {
                    micros[i] = (arrived.get(domain) - start) / 1000;
                }
            }
            Arrays.sort(micros);
            System.out.printf("preload=%d rounds=%d change->subscriber p50=%.2f ms p99=%.2f ms max=%.2f ms lost=%d%n",
                    preload, rounds, micros[rounds / 2] / 1000.0, micros[(int) (rounds * 0.99)] / 1000.0,
                    micros[rounds - 1] / 1000.0, lost);
        }
    }
}
