package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis killed and restarted from its append-only file: nothing acknowledged is lost, and subscribers keep serving. */
class RedisRestartTest {

    @TempDir
    Path dir;

    @Test
    void aRegistryCreatedWhileRedisIsDownRefusesWithTheAddressAndWorksOnceRedisIsUp() throws Exception {
        RedisServerProcess redis = RedisServerProcess.start(dir.resolve("late"), true);
        redis.kill();
        try (RedisRouteRegistry registry = RedisRouteRegistry.open(RedisRegistryConfig.of(redis.uri()))) {
            assertThatThrownBy(() -> registry.subscribe(new RecordingListener()))
                    .isInstanceOf(RouteRegistryUnavailableException.class)
                    .hasMessageStartingWith("route registry " + redis.uri() + " is unavailable");
            assertThatThrownBy(() -> registry.putRoute("app.local", RoutePolicy.DEFAULT))
                    .isInstanceOf(RouteRegistryUnavailableException.class);
            assertThat(registry.table().size()).isZero();

            redis.restart();
            registry.putRoute("app.local", RoutePolicy.DEFAULT);
            RecordingListener listener = new RecordingListener();
            registry.subscribe(listener);
            assertThat(listener.snapshots().get(0).route("app.local")).isNotNull();
        } finally {
            redis.close();
        }
    }

    @Test
    void afterRedisRestartsFromItsAppendOnlyFileEveryRegistryEndsWithTheSameTable() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true)) {
            RedisRegistryConfig config = RedisRegistryConfig.of(redis.uri()).withSweepInterval(Duration.ofMillis(100))
                    .withPollInterval(Duration.ofMillis(100));
            try (RedisRouteRegistry control = RedisRouteRegistry.open(config);
                 RedisRouteRegistry router = RedisRouteRegistry.open(config)) {
                RecordingListener listener = new RecordingListener();
                router.subscribe(listener);
                for (int i = 0; i < 50; i++) {
                    control.addEndpoint("app" + i + ".local", Endpoint.of("127.0.0.1", 12_000 + i), Optional.empty());
                }
                // An owner refreshing with a TTL shorter than the outage: it must not expire for the outage.
                control.addEndpoint("ttl.local", Endpoint.of("127.0.0.1", 13_000), Optional.of(Duration.ofSeconds(2)));
                control.putTcpRoute(5432, RoutePolicy.DEFAULT);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(router.table()).isEqualTo(control.table()));
                RouteTable before = control.table();

                redis.kill();
                await().atMost(Duration.ofSeconds(5)).until(() -> listener.failures() > 0);
                assertThatThrownBy(() -> control.putRoute("during.local", RoutePolicy.DEFAULT))
                        .isInstanceOf(RouteRegistryUnavailableException.class)
                        .hasMessageContaining("route registry " + redis.uri() + " is unavailable");
                Thread.sleep(3000);
                assertThat(router.table()).isEqualTo(before);
                assertThat(listener.replayed()).isEqualTo(before);

                redis.restart();
                await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                        .until(() -> control.putRoute("after.local", RoutePolicy.DEFAULT) != null);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(router.table()).isEqualTo(control.table()));
                assertThat(router.table().routes()).containsAll(before.routes());
                assertThat(router.table().route("after.local")).isNotNull();
                assertThat(router.table().tcpRoute(5432)).isNotNull();
                assertThat(listener.replayed()).isEqualTo(router.table());
                assertThat(listener.snapshots()).hasSize(1);
                assertThat(router.table().route("ttl.local").endpoints()).hasSize(1);
            }
            try (RedisRouteRegistry fresh = RedisRouteRegistry.open(RedisRegistryConfig.of(redis.uri()))) {
                assertThat(fresh.table().size()).isEqualTo(52);
            }
        }
    }
}
