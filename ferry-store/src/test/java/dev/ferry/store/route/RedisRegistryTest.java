package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.TcpRoute;
import io.lettuce.core.KillArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Redis registry adds to the contract: TTLs by Redis's clock, several registries, Mini-PaaS keys, lost connections. */
class RedisRegistryTest {

    @TempDir
    static Path dir;
    private static RedisServerProcess redis;

    private final Endpoint a = Endpoint.of("127.0.0.1", 9001);
    private final Endpoint b = Endpoint.of("127.0.0.1", 9002);

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start(dir.resolve("redis"), false);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void empty() {
        redis.commands().flushall();
    }

    private RedisRegistryConfig config() {
        return RedisRegistryConfig.of(redis.uri()).withSweepInterval(Duration.ofMillis(50));
    }

    @Test
    void anEndpointThatIsNotRefreshedExpiresAndSubscribersOfAnotherRegistrySeeIt() throws Exception {
        try (RedisRouteRegistry owner = RedisRouteRegistry.open(config());
             RedisRouteRegistry router = RedisRouteRegistry.open(config())) {
            RecordingListener listener = new RecordingListener();
            router.subscribe(listener);
            Duration ttl = Duration.ofMillis(400);
            owner.addEndpoint("app.local", a, Optional.of(ttl));
            owner.addEndpoint("app.local", b, Optional.of(ttl));
            owner.addTcpEndpoint(5432, b, Optional.of(ttl));
            for (int i = 0; i < 10; i++) {
                Thread.sleep(100);
                owner.addEndpoint("app.local", a, Optional.of(ttl));
            }
            assertThat(router.table().route("app.local").endpoints()).containsExactly(a);
            assertThat(router.table().tcpRoute(5432)).isEqualTo(TcpRoute.empty(5432));
            assertThat(listener.changes()).contains(new RouteChange.HttpRouteSet(new Route("app.local", List.of(a),
                    RoutePolicy.DEFAULT)));
            assertThat(listener.replayed()).isEqualTo(owner.table());

            await().atMost(Duration.ofSeconds(5)).untilAsserted(
                    () -> assertThat(router.table().route("app.local")).isEqualTo(Route.empty("app.local")));
        }
    }

    @Test
    void aRegistrysOwnChangesReachItsCopyWithoutReadingRedisBack() {
        try (RedisRouteRegistry registry = RedisRouteRegistry.open(config().withPollInterval(Duration.ofHours(1)))) {
            registry.addEndpoint("first.local", a, Optional.empty()); // names the epoch
            redis.commands().configResetstat();
            registry.table(); // loads the copy, which then checks the counter once it is subscribed
            await().atMost(Duration.ofSeconds(5)).until(() -> redis.commands().info("commandstats").contains("cmdstat_mget:"));
            redis.commands().configResetstat();
            for (int i = 0; i < 200; i++) {
                registry.addEndpoint("app" + i + ".local", a, Optional.empty());
                assertThat(registry.table().route("app" + i + ".local").endpoints()).as("in the copy on return")
                        .containsExactly(a);
            }
            String stats = redis.commands().info("commandstats");
            assertThat(stats).as("the writer's wait read nothing back: " + stats)
                    .doesNotContain("cmdstat_xrange:").doesNotContain("cmdstat_mget:")
                    .as("a new route is not read before it is written; the script's own HGET remains: " + stats)
                    .contains("cmdstat_hget:calls=200,");
        }
    }

    @Test
    void aRouteInRedisThatTheCopyLacksIsReadAndMergedWhenTheGuessThatItIsNewConflicts() {
        try (RedisRouteRegistry registry = RedisRouteRegistry.open(config().withPollInterval(Duration.ofHours(1)))) {
            registry.addEndpoint("known.local", a, Optional.empty());
            assertThat(registry.table().route("known.local")).isNotNull();
            // A record of unknown.local that reached Redis but no change stream, so this copy never heard of it.
            String known = redis.commands().hget("ferry:routes", "http known.local");
            redis.commands().hset("ferry:routes", "http unknown.local", known.replace("known.local", "unknown.local"));
            assertThat(registry.table().route("unknown.local")).isNull();

            registry.addEndpoint("unknown.local", b, Optional.empty());

            assertThat(registry.table().route("unknown.local").endpoints()).containsExactlyInAnyOrder(a, b);
            assertThat(redis.commands().hget("ferry:routes", "http unknown.local")).contains("9001").contains("9002");
        }
    }

    @Test
    void aPermanentRegistrationClearsTheTtl() throws Exception {
        try (RedisRouteRegistry registry = RedisRouteRegistry.open(config())) {
            registry.addEndpoint("app.local", a, Optional.of(Duration.ofMillis(200)));
            registry.addEndpoint("app.local", a, Optional.empty());
            Thread.sleep(600);
            assertThat(registry.sweepExpired()).isZero();
            assertThat(registry.table().route("app.local").endpoints()).containsExactly(a);
            assertThat(redis.commands().zcard("ferry:deadlines")).isZero();
        }
    }

    @Test
    void twoRegistriesSeeEachOthersChangesInOrder() {
        try (RedisRouteRegistry one = RedisRouteRegistry.open(config());
             RedisRouteRegistry two = RedisRouteRegistry.open(config())) {
            RecordingListener onOne = new RecordingListener();
            RecordingListener onTwo = new RecordingListener();
            one.subscribe(onOne);
            two.subscribe(onTwo);
            for (int i = 0; i < 100; i++) {
                RedisRouteRegistry writer = i % 2 == 0 ? one : two;
                writer.addEndpoint("app" + (i % 7) + ".local", Endpoint.of("127.0.0.1", 10_000 + i), Optional.empty());
                if (i % 5 == 0) {
                    writer.removeRoute("app" + ((i + 3) % 7) + ".local");
                }
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(onOne.changes()).isEqualTo(onTwo.changes()));
            assertThat(onOne.replayed()).isEqualTo(one.table()).isEqualTo(two.table());
            assertThat(onOne.changes()).hasSizeGreaterThan(100);
        }
    }

    /**
     * A router's copy applies the next change on the thread its pub/sub message arrives on: a hand-off to the
     * mirror's own thread cost a wake-up per change between receiving a route and serving it.
     */
    @Test
    void anotherRegistrysChangesAreAppliedOnTheThreadTheirMessageArrivesOn() {
        try (RedisRouteRegistry writer = RedisRouteRegistry.open(config());
             RedisRouteRegistry router = RedisRouteRegistry.open(config())) {
            List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
            RecordingListener recorded = new RecordingListener() {
                @Override
                public synchronized void onChange(RouteChange change) {
                    threads.add(Thread.currentThread().getName());
                    super.onChange(change);
                }
            };
            router.subscribe(recorded);
            for (int i = 0; i < 20; i++) {
                writer.addEndpoint("inline" + i + ".local", a, Optional.empty());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> recorded.changes().size() == 20);
            assertThat(recorded.replayed()).isEqualTo(writer.table());
            // The mirror's thread still takes a change that arrives while it holds the copy (a periodic check).
            assertThat(threads.stream().filter(t -> !t.equals("ferry-redis-routes")).count()).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void ownersOnSeveralRegistriesRegisteringOnOneRouteAtOnceLoseNoEndpoint() throws Exception {
        try (RedisRouteRegistry one = RedisRouteRegistry.open(config());
             RedisRouteRegistry two = RedisRouteRegistry.open(config())) {
            List<Thread> owners = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                RedisRouteRegistry registry = t % 2 == 0 ? one : two;
                int base = 14_000 + t * 100;
                owners.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 25; i++) {
                        registry.addEndpoint("shared.local", Endpoint.of("127.0.0.1", base + i), Optional.of(Duration.ofMinutes(1)));
                    }
                }));
            }
            for (Thread owner : owners) {
                owner.join();
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(two.table()).isEqualTo(one.table()));
            assertThat(one.table().route("shared.local").endpoints()).hasSize(100);
            assertThat(redis.commands().zcard("ferry:deadlines")).isEqualTo(100);
        }
    }

    @Test
    void miniPaasKeysAreRoutesAndReloadRereadsThem() {
        var r = redis.commands();
        r.set("route:app1.local", "http://127.0.0.1:9001");
        r.set("route:not_a_domain", "http://127.0.0.1:9009");
        r.set("route:bad.local", "not a url");
        try (RedisRouteRegistry registry = RedisRouteRegistry.open(config())) {
            RecordingListener listener = new RecordingListener();
            registry.subscribe(listener);
            assertThat(listener.snapshots().get(0).routes()).containsExactly(miniPaas("app1.local", 9001));

            r.set("route:app2.local", "http://127.0.0.1:9002");
            r.set("route:app1.local", "http://127.0.0.1:9011");
            r.publish("minipaas-updates", "reload");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(registry.table().routes())
                    .containsExactly(miniPaas("app1.local", 9011), miniPaas("app2.local", 9002)));

            r.del("route:app2.local");
            r.publish("minipaas-updates", "reload");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(registry.table().routes())
                    .containsExactly(miniPaas("app1.local", 9011)));
            assertThat(listener.replayed()).isEqualTo(registry.table());

            // Ferry's own record of a domain wins over the Mini-PaaS key, which comes back when it is removed.
            registry.addEndpoint("app1.local", b, Optional.empty());
            assertThat(registry.table().route("app1.local").endpoints()).containsExactly(b);
            registry.removeRoute("app1.local");
            assertThat(registry.table().route("app1.local")).isEqualTo(miniPaas("app1.local", 9011));
            assertThat(listener.replayed()).isEqualTo(registry.table());
        }
    }

    @Test
    void aSubscriberWhoseConnectionWasKilledCatchesUpWithoutAFullReload() throws Exception {
        try (RedisRouteRegistry writer = RedisRouteRegistry.open(config());
             RedisRouteRegistry router = RedisRouteRegistry.open(config())) {
            writer.putRoute("first.local", RoutePolicy.DEFAULT);
            RecordingListener listener = new RecordingListener();
            router.subscribe(listener);

            assertThat(redis.commands().clientKill(KillArgs.Builder.typePubsub())).isPositive();
            List<RouteChange> written = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                written.add(new RouteChange.HttpRouteSet(writer.addEndpoint("app.local", Endpoint.of("127.0.0.1", 11_000 + i),
                        Optional.empty())));
            }

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(listener.changes()).isEqualTo(written));
            assertThat(listener.snapshots()).hasSize(1);
            assertThat(router.table()).isEqualTo(writer.table());
        }
    }

    @Test
    void aSubscriberTooFarBehindTheStreamResynchronisesInFull() {
        RedisRegistryConfig shortStream = config().withChangeStreamLength(100).withPollInterval(Duration.ofMillis(100));
        try (RedisRouteRegistry writer = RedisRouteRegistry.open(shortStream);
             RedisRouteRegistry router = RedisRouteRegistry.open(shortStream)) {
            RecordingListener listener = new RecordingListener();
            router.subscribe(listener);
            // The counter jumps past what the stream holds, as when a subscriber missed more changes than the
            // stream keeps: the next change cannot be chained to the router's copy.
            for (int i = 0; i < 300; i++) {
                writer.putRoute("r" + i + ".local", RoutePolicy.DEFAULT);
            }
            redis.commands().set("ferry:seq", "100000");
            writer.putRoute("last.local", RoutePolicy.DEFAULT);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(listener.snapshots()).hasSize(2));
            assertThat(listener.replayed()).isEqualTo(writer.table());
            assertThat(router.table().size()).isEqualTo(301);
        }
    }

    private static Route miniPaas(String domain, int port) {
        return new Route(domain, List.of(Endpoint.of("127.0.0.1", port)), RoutePolicy.DEFAULT);
    }
}
