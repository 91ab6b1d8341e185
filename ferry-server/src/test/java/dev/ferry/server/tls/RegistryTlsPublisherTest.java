package dev.ferry.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.store.User;
import dev.ferry.store.route.RedisRegistryConfig;
import dev.ferry.store.route.RedisServerProcess;
import dev.ferry.store.route.RedisTlsBundle;
import dev.ferry.store.sql.SqliteStore;
import dev.ferry.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A control node's publisher over a real store and a real Redis: it publishes each change at once, writes nothing
 * while the content is unchanged, and after Redis comes back empty publishes again at the next tick.
 */
class RegistryTlsPublisherTest {

    @TempDir
    Path dir;

    @Test
    void publishesChangesOnceAndAgainAfterRedisLostItsData() throws Exception {
        RouterCertificateKey key = RouterCertificateKey.derivedFrom(new byte[32]);
        TestPki pki = new TestPki();
        ServingCertificate hello = TestPki.serving(AppName.of("hello"), pki.leaf("hello.apps.test"), pki.root());
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), false);
             SqliteStore store = SqliteStore.openInDataDir(dir.resolve("store"));
             RedisTlsBundle router = new RedisTlsBundle(RedisRegistryConfig.of(redis.uri()))) {
            User admin = store.bootstrapAdmin("admin@example.com").orElseThrow().user();
            store.createApp(admin.id(), AppName.of("hello"));
            StoreTlsSource source = new StoreTlsSource(new AppHostNames("apps.test"));
            source.attach(store.certificates(), store.acme(), store);
            AtomicInteger published = new AtomicInteger();
            router.onChange(published::incrementAndGet);
            try (RegistryTlsPublisher publisher = new RegistryTlsPublisher(source,
                    new RedisTlsBundle(RedisRegistryConfig.of(redis.uri())), key, Duration.ofMillis(200)).start()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> published.get() == 1);
                Thread.sleep(1_000); // five ticks of unchanged content
                assertThat(published.get()).as("unchanged content is not written again").isEqualTo(1);

                store.certificates().putCertificate(hello.certificate(), hello.privateKeyPem(), admin.id());
                await().atMost(Duration.ofSeconds(5)).until(() -> published.get() == 2);
                ServingSet served = TlsDocument.parse(router.read().orElseThrow().document()).open(key);
                assertThat(served.certificates()).extracting(ServingCertificate::privateKeyPem)
                        .containsExactly(hello.privateKeyPem());

                redis.kill();
                Thread.sleep(500); // ticks against a registry that is down: logged, not fatal
                redis.restart(); // without its data
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> router.read().isPresent());
                assertThat(TlsDocument.parse(router.read().orElseThrow().document()).open(key).certificates())
                        .hasSize(1);
            }
        }
    }
}
