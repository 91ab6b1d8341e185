package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published TLS serving set in a real Redis: written once per content, announced, read back, never expired. */
class RedisTlsBundleTest {

    @TempDir
    Path dir;

    @Test
    void writesAndAnnouncesOnlyAChangedDigest() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(dir, false);
             RedisTlsBundle control = new RedisTlsBundle(RedisRegistryConfig.of(redis.uri()));
             RedisTlsBundle router = new RedisTlsBundle(RedisRegistryConfig.of(redis.uri()))) {
            assertThat(router.read()).isEmpty();
            assertThat(router.digest()).isEmpty();
            AtomicInteger told = new AtomicInteger();
            router.onChange(told::incrementAndGet);

            assertThat(control.publish("d1", "{\"v\":1}")).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> told.get() == 1);
            assertThat(router.read()).contains(new RedisTlsBundle.Published("d1", "{\"v\":1}"));

            assertThat(control.publish("d1", "{\"v\":1, \"resealed\":true}")).as("same content").isFalse();
            assertThat(control.publish("d2", "{\"v\":2}")).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> told.get() == 2);
            assertThat(router.digest()).contains("d2");
            assertThat(redis.commands().ttl("ferry:tls")).as("never expires").isEqualTo(-1L);
            assertThat(redis.commands().keys("route:*")).as("outside the Mini-PaaS layout").isEmpty();
        }
    }

    @Test
    void aRegistryThatIsDownIsAnErrorNamingIt() throws Exception {
        RedisServerProcess redis = RedisServerProcess.start(dir, false);
        String uri = redis.uri();
        redis.close();
        try (RedisTlsBundle bundle = new RedisTlsBundle(RedisRegistryConfig.of(uri))) {
            assertThatThrownBy(() -> bundle.publish("d", "{}")).isInstanceOf(RouteRegistryUnavailableException.class)
                    .hasMessageContaining("is unavailable");
        }
    }
}
