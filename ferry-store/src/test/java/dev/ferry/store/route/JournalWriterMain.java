package dev.ferry.store.route;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RoutePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The child process of {@link ProcessCrashTest}: registers routes in a loop on the journal named by its
 * argument and prints {@code acked N} after registration N returned. Between registrations it flips the
 * policy of one route, so the journal also compacts while it runs. Stops by itself after a minute.
 */
public final class JournalWriterMain {

    private JournalWriterMain() {
    }

    static String domain(int i) {
        return "crash-" + i + ".local";
    }

    static Endpoint endpoint(int i) {
        return Endpoint.of("127.0.0.1", 1024 + i % 60_000, i % 9 + 1);
    }

    public static void main(String[] args) {
        long stopAt = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        JournaledRouteRegistry registry = JournaledRouteRegistry.open(Path.of(args[0]));
        for (int i = 0; i < 1_000_000 && System.nanoTime() < stopAt; i++) {
            Optional<Duration> ttl = i % 2 == 0 ? Optional.empty() : Optional.of(Duration.ofMinutes(5));
            registry.addEndpoint(domain(i), endpoint(i), ttl);
            for (int k = 0; k < 4; k++) {
                registry.putRoute("churn.local", RoutePolicy.DEFAULT.withAffinity((i + k) % 2 == 0));
            }
            System.out.println("acked " + i);
            System.out.flush();
        }
        registry.close();
    }
}
