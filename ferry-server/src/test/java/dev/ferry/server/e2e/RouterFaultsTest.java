package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Endpoint;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.router.RouterNode;
import dev.ferry.store.route.RedisRegistryConfig;
import dev.ferry.store.route.RedisRouteRegistry;
import dev.ferry.store.route.RedisServerProcess;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ferry router} role against a real {@code redis-server} with its append-only file: it keeps serving its
 * last table under a steady request loop while Redis is killed, down and restarted, serves its snapshot when it
 * starts while Redis is unreachable, follows the seed's control plane writing with {@code redis-cli}, and, in a
 * region of its own, follows a replica of the fleet's Redis ({@code --registry-replica}).
 */
class RouterFaultsTest {

    /** The outage under load; the 30 s, shortened (nothing in the router depends on its length). */
    private static final Duration OUTAGE = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private FerryConfig routerConfig(RedisServerProcess redis, Path dataDir) {
        return FerryConfig.ephemeral(dataDir).toBuilder()
                .registry(Optional.of(RedisRegistryConfig.of(redis.uri()))).build();
    }

    @Test
    void keepsServingItsLastTableWhileRedisIsKilledDownAndRestartedFromItsAppendOnlyFile() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             Backend app = Backend.start("a");
             Backend later = Backend.start("later");
             RedisRouteRegistry control = RedisRouteRegistry.open(RedisRegistryConfig.of(redis.uri()));
             RouterNode router = RouterNode.start(routerConfig(redis, dir.resolve("router")), PlatformTuning.DEFAULT)) {
            control.addEndpoint("app.localhost", Endpoint.of("127.0.0.1", app.port()), Optional.empty());
            // The loop counts from its first request: start it once the route has reached the router.
            await().atMost(Duration.ofSeconds(10)).until(() -> router.routes().table().lookup("app.localhost") != null);
            try (RequestLoop loop = new RequestLoop(router.httpPort(), "app.localhost", 2)) {
                loop.awaitServing("backend a", Duration.ofSeconds(10));

                redis.kill();
                Thread.sleep(OUTAGE.toMillis());
                int duringOutage = loop.ok();
                redis.restart();
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                    control.addEndpoint("later.localhost", Endpoint.of("127.0.0.1", later.port()), Optional.empty());
                    return true;
                });
                Api client = new Api(0, router.httpPort(), "");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(client.viaRouter("later.localhost", "/").body()).isEqualTo("backend later\n"));
                loop.awaitServing("backend a", Duration.ofSeconds(10));

                assertThat(duringOutage).as("requests served while Redis was down").isGreaterThan(0);
                assertThat(loop.failures()).as("failed requests through the outage").isEmpty();
            }
            assertThat(router.routes().table().lookup("app.localhost")).as("the route Redis kept in its AOF").isNotNull();
        }
    }

    @Test
    void aRegionsRouterServesFromItsRedisReplicaWithoutThePrimaryInItsConfig() throws Exception {
        try (RedisServerProcess primary = RedisServerProcess.start(dir.resolve("primary"), true);
             RedisServerProcess replica = RedisServerProcess.startReplicaOf(dir.resolve("replica"), primary);
             Backend app = Backend.start("a");
             RedisRouteRegistry control = RedisRouteRegistry.open(RedisRegistryConfig.of(primary.uri()));
             RouterNode router = RouterNode.start(FerryConfig.ephemeral(dir.resolve("router")),
                     Optional.of(RedisRegistryConfig.of(replica.uri())), PlatformTuning.DEFAULT)) {
            control.addEndpoint("app.localhost", Endpoint.of("127.0.0.1", app.port()), Optional.empty());

            Api client = new Api(0, router.httpPort(), "");
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
                    assertThat(client.viaRouter("app.localhost", "/").body()).isEqualTo("backend a\n"));
            control.removeRoute("app.localhost");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(router.routes().table().lookup("app.localhost")).isNull());
            assertThat(replica.commands().info("errorstats")).as("writes the router tried on the replica")
                    .doesNotContain("READONLY");
        }
    }

    @Test
    void servesItsSnapshotWhenItStartsWhileRedisIsUnreachableThenFollowsRedisOnceItAnswers() throws Exception {
        Path routerDir = dir.resolve("router");
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             Backend app = Backend.start("a");
             Backend later = Backend.start("later");
             RedisRouteRegistry control = RedisRouteRegistry.open(RedisRegistryConfig.of(redis.uri()))) {
            control.addEndpoint("app.localhost", Endpoint.of("127.0.0.1", app.port()), Optional.empty());
            try (RouterNode first = RouterNode.start(routerConfig(redis, routerDir), PlatformTuning.DEFAULT)) {
                Api client = new Api(0, first.httpPort(), "");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(client.viaRouter("app.localhost", "/").statusCode()).isEqualTo(200));
            }
            redis.kill();

            try (RouterNode restarted = RouterNode.start(routerConfig(redis, routerDir), PlatformTuning.DEFAULT);
                 RequestLoop loop = new RequestLoop(restarted.httpPort(), "app.localhost", 2)) {
                loop.awaitServing("backend a", Duration.ofSeconds(5));
                Thread.sleep(OUTAGE.toMillis());
                redis.restart();
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                    control.addEndpoint("later.localhost", Endpoint.of("127.0.0.1", later.port()), Optional.empty());
                    return true;
                });
                Api client = new Api(0, restarted.httpPort(), "");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(client.viaRouter("later.localhost", "/").body()).isEqualTo("backend later\n"));
                loop.awaitServing("backend a", Duration.ofSeconds(10));
                assertThat(loop.failures()).as("failed requests from the snapshot and after Redis came back").isEmpty();
            }
        }
    }

    @Test
    void servesWhatTheSeedControlPlaneWritesWithRedisCli() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             Backend seed = Backend.start("seed");
             RouterNode router = RouterNode.start(routerConfig(redis, dir.resolve("router")), PlatformTuning.DEFAULT)) {
            Api client = new Api(0, router.httpPort(), "");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(client.viaRouter("app1.local", "/").statusCode()).isEqualTo(404));
            int port = URI.create(redis.uri()).getPort();

            redisCli(port, "SET", "route:app1.local", "http://127.0.0.1:" + seed.port());
            redisCli(port, "PUBLISH", "minipaas-updates", "reload");

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(client.viaRouter("app1.local", "/").body()).isEqualTo("backend seed\n"));
        }
    }

    /** Runs Debian's {@code redis-cli} as the seed's control plane does its writes. */
    private static void redisCli(int port, String... command) throws Exception {
        String[] args = new String[command.length + 5];
        args[0] = "redis-cli";
        args[1] = "-h";
        args[2] = "127.0.0.1";
        args[3] = "-p";
        args[4] = Integer.toString(port);
        System.arraycopy(command, 0, args, 5, command.length);
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("ERR");
    }
}
