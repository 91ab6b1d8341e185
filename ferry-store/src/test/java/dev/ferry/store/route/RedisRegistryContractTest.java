package dev.ferry.store.route;

import dev.ferry.core.route.RouteRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The registry contract on the Redis registry, against a real redis-server emptied before each test. */
class RedisRegistryContractTest extends RouteRegistryContract {

    @TempDir
    static Path dir;
    private static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start(dir.resolve("redis"), false);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Override
    protected RouteRegistry newRegistry() {
        if (registry == null) {
            redis.commands().flushall();
        }
        return RedisRouteRegistry.open(RedisRegistryConfig.of(redis.uri()));
    }
}
