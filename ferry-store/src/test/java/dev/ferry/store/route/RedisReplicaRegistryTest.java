package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RoutePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry on a Redis replica ({@code ferry router --registry-replica}): it follows what control nodes write to
 * the primary, with subscribers fed change by change, and writes nothing itself. Real {@code redis-server}s, one
 * the replica of the other.
 */
class RedisReplicaRegistryTest {

    @TempDir
    Path dir;

    private final Endpoint a = Endpoint.of("127.0.0.1", 9001);
    private final Endpoint b = Endpoint.of("127.0.0.1", 9002);

    /** The host's endpoints in the registry's copy; none while the route has not arrived. */
    private static List<Endpoint> endpoints(RedisRouteRegistry registry, String host) {
        Route route = registry.table().route(host);
        return route == null ? List.of() : route.endpoints();
    }

    private static RedisRegistryConfig config(RedisServerProcess server) {
        return RedisRegistryConfig.of(server.uri()).withSweepInterval(Duration.ofMillis(50));
    }

    @Test
    void followsThePrimaryChangeByChangeAndRefusesToWrite() throws Exception {
        try (RedisServerProcess primary = RedisServerProcess.start(dir.resolve("primary"), true);
             RedisServerProcess replica = RedisServerProcess.startReplicaOf(dir.resolve("replica"), primary);
             RedisRouteRegistry control = RedisRouteRegistry.open(config(primary));
             RedisRouteRegistry router = RedisRouteRegistry.openReplica(config(replica))) {
            control.addEndpoint("before.local", a, Optional.empty());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(endpoints(router, "before.local")).containsExactly(a));

            RecordingListener listener = new RecordingListener();
            router.subscribe(listener);
            control.addEndpoint("app.local", a, Optional.empty());
            control.addEndpoint("app.local", b, Optional.empty());
            control.removeRoute("before.local");

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(router.table()).isEqualTo(control.table()));
            assertThat(listener.changes()).contains(
                    new RouteChange.HttpRouteSet(new Route("app.local", List.of(a, b), RoutePolicy.DEFAULT)));
            assertThat(listener.replayed()).isEqualTo(control.table());

            assertThatThrownBy(() -> router.addEndpoint("other.local", a, Optional.empty()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("reads the replica").hasMessageContaining("control node");
            assertThatThrownBy(() -> router.removeRoute("app.local")).isInstanceOf(IllegalStateException.class);
            assertThat(primary.commands().keys("*")).noneMatch(k -> k.contains("other.local"));
        }
    }

    @Test
    void endpointsExpireByThePrimarysSweepAndTheReplicaFollows() throws Exception {
        try (RedisServerProcess primary = RedisServerProcess.start(dir.resolve("primary"), false);
             RedisServerProcess replica = RedisServerProcess.startReplicaOf(dir.resolve("replica"), primary);
             RedisRouteRegistry control = RedisRouteRegistry.open(config(primary));
             RedisRouteRegistry router = RedisRouteRegistry.openReplica(config(replica))) {
            control.addEndpoint("app.local", a, Optional.empty());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(endpoints(router, "app.local")).containsExactly(a)); // the replica has synced
            control.addEndpoint("app.local", b, Optional.of(Duration.ofMillis(1500)));
            await().atMost(Duration.ofSeconds(1)).untilAsserted(
                    () -> assertThat(endpoints(router, "app.local")).containsExactly(a, b));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(endpoints(router, "app.local")).containsExactly(a));
        }
    }

    @Test
    void aReplicaOnlyRegistryNeverSweepsWhatTheReplicaHolds() throws Exception {
        try (RedisServerProcess primary = RedisServerProcess.start(dir.resolve("primary"), false);
             RedisServerProcess replica = RedisServerProcess.startReplicaOf(dir.resolve("replica"), primary)) {
            try (RedisRouteRegistry control = RedisRouteRegistry.open(config(primary))) {
                control.addEndpoint("app.local", b, Optional.of(Duration.ofMillis(300)));
            }
            // No registry on the primary is left to sweep: the replica's registry must not try to.
            try (RedisRouteRegistry router = RedisRouteRegistry.openReplica(config(replica))) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(
                        () -> assertThat(endpoints(router, "app.local")).containsExactly(b));
                Thread.sleep(800); // sixteen sweep intervals
                assertThat(endpoints(router, "app.local")).containsExactly(b);
                assertThat(replica.commands().info("errorstats")).doesNotContain("READONLY");
            }
        }
    }
}
