import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.NewUser;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.sql.ConfigKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a route add's time goes on the PostgreSQL path, store calls alone (no HTTP, no Redis): a PostgreSQL of its
 * own on loopback, one {@link PostgresStore}, a user with a token, an app with a custom domain; then ROUNDS timed
 * calls of each step a {@code POST /api/routes} makes against the store, in order (the token check, the custom
 * domain lookup; the app lookup is what a host under the apps' domain costs instead), then both together as the
 * route add's whole PostgreSQL share, and a one-statement serializable write for comparison. Prints p50/p99/mean
 * per step. Usage: java -cp CLASSPATH PostgresReadsBench.java ROUNDS
 */
public class PostgresReadsBench {

    interface Step {
        void run();
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        byte[] key = new byte[ConfigKey.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try (PostgresServerProcess server = PostgresServerProcess.start();
             PostgresStore store = PostgresStore.open(server.location(server.newDatabase()),
                     ConfigKey.base64(Base64.getEncoder().encodeToString(key), "bench"), AppLimits.DEFAULT)) {
            NewUser admin = store.bootstrapAdmin("bench@example.test").orElseThrow();
            String token = admin.firstToken().secret();
            AppName app = new AppName("bench");
            store.createApp(admin.user().id(), app);
            store.addDomain(app, "www.bench.test", admin.user().id());
            Map<String, Step> steps = new LinkedHashMap<>();
            steps.put("authenticate", () -> require(store.authenticate(token).isPresent()));
            steps.put("domain", () -> require(store.domain("route.example.test").isEmpty()));
            steps.put("app", () -> require(store.app(app).isPresent()));
            steps.put("route_add_share", () -> {
                require(store.authenticate(token).isPresent());
                require(store.domain("route.example.test").isEmpty());
            });
            steps.put("write", store::checkWritable);
            for (Map.Entry<String, Step> step : steps.entrySet()) {
                double[] ms = time(step.getValue(), rounds);
                System.out.printf("step=%s rounds=%d p50=%.3f p99=%.3f mean=%.3f ms%n", step.getKey(), rounds,
                        percentile(ms, 0.50), percentile(ms, 0.99), Arrays.stream(ms).average().orElse(0));
            }
        }
    }

    private static double[] time(Step step, int rounds) {
        for (int i = 0; i < Math.max(100, rounds / 5); i++) {
            step.run();
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static void require(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("the store answered something else than the bench set up");
        }
    }
}
